import { ZClusterStatus, ZLabels, parseStoredJson, type ClusterSummary } from "@outpost/cluster-core";
import type { Cluster, Site } from "../../../generated/prisma-sqlite";

export type ClusterWithSite = Cluster & { site: Pick<Site, "name"> };

export const clusterWithSite = { site: { select: { name: true } } } as const;

/** The API's view of a cluster row. */
export function toClusterSummary(c: ClusterWithSite): ClusterSummary {
  return {
    id: c.id,
    name: c.name,
    siteId: c.siteId,
    siteName: c.site.name,
    labels: parseStoredJson(ZLabels, c.labels, {}),
    k3sVersion: c.k3sVersion,
    status: ZClusterStatus.catch("offline").parse(c.status),
    simulated: c.simulated,
    lastSeenAt: c.lastSeenAt?.toISOString() ?? null,
    offlineSince: c.offlineSince?.toISOString() ?? null,
    nodesReady: c.nodesReady,
    nodesTotal: c.nodesTotal,
    workloadsHealthy: c.workloadsHealthy,
    workloadsTotal: c.workloadsTotal,
    queuedAtDevice: c.queuedAtDevice,
    linkRttMs: c.linkRttMs,
  };
}
