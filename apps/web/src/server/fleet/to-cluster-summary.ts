import { ZClusterStatus, ZLabels, parseStoredJson, type ClusterSummary } from "@outpost/cluster-core";
import type { Cluster, Site } from "../../../generated/prisma-sqlite";

/** The columns a summary needs: never the snapshot or desired-state documents, which can be large. */
export const clusterSummarySelect = {
  id: true,
  name: true,
  siteId: true,
  labels: true,
  k3sVersion: true,
  status: true,
  simulated: true,
  lastSeenAt: true,
  offlineSince: true,
  nodesReady: true,
  nodesTotal: true,
  workloadsHealthy: true,
  workloadsTotal: true,
  queuedAtDevice: true,
  linkRttMs: true,
  site: { select: { name: true } },
} as const;

export type ClusterWithSite = Pick<Cluster, Exclude<keyof typeof clusterSummarySelect, "site">> & { site: Pick<Site, "name"> };

/** For queries that need the whole row too (`include`). */
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
