import { ZLabels, parseStoredJson, type ClusterScopeFacts } from "@outpost/cluster-core";

/** Prisma `select` of what deviceScopeFacts needs. */
export const DEVICE_SCOPE_SELECT = { siteId: true, labels: true, cluster: { select: { siteId: true, labels: true } } } as const;

type DeviceScopeRow = { siteId: string; labels: string; cluster: { siteId: string; labels: string } | null };

/**
 * What grants look at for a device (and its provisioning jobs): the cluster it serves or joins
 * once Outpost knows it; before that the cluster-to-be, i.e. the device's own site and labels,
 * exactly as a registration token for that site and those labels is checked.
 */
export function deviceScopeFacts(row: DeviceScopeRow): ClusterScopeFacts {
  const owner = row.cluster ?? row;
  return { siteId: owner.siteId, labels: parseStoredJson(ZLabels, owner.labels, {}) };
}
