import type { ClusterSummary, FleetQuery } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";
import { fleetWhere } from "./fleet-where";
import { clusterSummarySelect, toClusterSummary } from "./to-cluster-summary";

export type ListClustersFilter = Partial<Pick<FleetQuery, "q" | "status" | "site" | "k3s" | "selector" | "problem">>;

/**
 * Every cluster matching the filter, unpaged, sorted by site then name: for scripts and the
 * CLI. The fleet page uses listFleetPage, which pages and counts; both filter the same way.
 */
export async function listClusters(db: Db, filter: ListClustersFilter = {}, visible?: Prisma.ClusterWhereInput): Promise<ClusterSummary[]> {
  const { where } = fleetWhere(db, { q: "", status: [], site: [], k3s: [], selector: "", ...filter }, visible);
  const rows = await db.cluster.findMany({ where, select: clusterSummarySelect, orderBy: [{ site: { name: "asc" } }, { name: "asc" }] });
  return rows.map(toClusterSummary);
}
