import type { FleetProblem } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";

/**
 * Clusters with a current problem of that kind. Counts of a cluster that is not connected are
 * last known, not current, so only connected clusters qualify.
 */
export function problemWhere(db: Db, problem: FleetProblem): Prisma.ClusterWhereInput {
  const connected: Prisma.ClusterWhereInput = { status: { in: ["online", "degraded"] } };
  return problem === "nodes-not-ready"
    ? { AND: [connected, { nodesReady: { lt: db.cluster.fields.nodesTotal } }] }
    : { AND: [connected, { workloadsHealthy: { lt: db.cluster.fields.workloadsTotal } }] };
}
