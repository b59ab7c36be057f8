import type { FleetCounters, FleetPage } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";
import { problemWhere } from "./problem-where";

/**
 * The fleet list's counters and version facet over `where`. Nodes and workloads of clusters
 * that are not connected are counted as unknown, never as ready: an offline site cannot make
 * "nodes ready" look better by dropping out of the total.
 */
export async function countFleet(db: Db, where: Prisma.ClusterWhereInput): Promise<Pick<FleetPage, "counters" | "k3sVersions">> {
  const byStatus = await db.cluster.groupBy({
    by: ["status"],
    where,
    _count: { _all: true },
    _sum: { nodesReady: true, nodesTotal: true, workloadsHealthy: true, workloadsTotal: true },
  });
  const clustersNodesNotReady = await db.cluster.count({ where: { AND: [where, problemWhere(db, "nodes-not-ready")] } });
  const clustersWorkloadsUnhealthy = await db.cluster.count({ where: { AND: [where, problemWhere(db, "workloads-unhealthy")] } });
  const versions = await db.cluster.groupBy({ by: ["k3sVersion"], where: { AND: [where, { k3sVersion: { not: "" } }] }, _count: { _all: true } });

  const c: FleetCounters = {
    clusters: 0, online: 0, degraded: 0, offline: 0, pending: 0,
    nodesReady: 0, nodesTotal: 0, nodesUnknown: 0,
    workloadsHealthy: 0, workloadsTotal: 0, workloadsUnknown: 0,
    clustersNodesNotReady, clustersWorkloadsUnhealthy,
  };
  for (const row of byStatus) {
    const n = row._count._all;
    const sum = { nodesReady: row._sum.nodesReady ?? 0, nodesTotal: row._sum.nodesTotal ?? 0, workloadsHealthy: row._sum.workloadsHealthy ?? 0, workloadsTotal: row._sum.workloadsTotal ?? 0 };
    c.clusters += n;
    if (row.status === "online" || row.status === "degraded" || row.status === "offline" || row.status === "pending") c[row.status] += n;
    c.nodesTotal += sum.nodesTotal;
    c.workloadsTotal += sum.workloadsTotal;
    if (row.status === "online" || row.status === "degraded") {
      c.nodesReady += sum.nodesReady;
      c.workloadsHealthy += sum.workloadsHealthy;
    } else {
      c.nodesUnknown += sum.nodesTotal;
      c.workloadsUnknown += sum.workloadsTotal;
    }
  }
  const k3sVersions = versions
    .map((v) => ({ version: v.k3sVersion, count: v._count._all }))
    .sort((a, b) => b.version.localeCompare(a.version, "en", { numeric: true }));
  return { counters: c, k3sVersions };
}
