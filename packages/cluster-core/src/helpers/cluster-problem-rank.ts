import type { ClusterStatus } from "../schemas/common";
import type { SnapshotSummary } from "./summarize-snapshot";

/** The "problems first" order of the fleet list: lower ranks are listed first. */
export const PROBLEM_RANK = {
  offline: 0,
  degraded: 1,
  nodesNotReady: 2,
  workloadsUnhealthy: 3,
  pending: 4,
  healthy: 5,
} as const;

/**
 * Where a cluster belongs in a problems-first list. An offline or degraded link comes before
 * anything its (possibly stale) counts say; on a healthy link NotReady nodes come before
 * unhealthy workloads; a cluster whose agent never connected comes after every real problem.
 */
export function clusterProblemRank(c: { status: ClusterStatus | string } & SnapshotSummary): number {
  switch (c.status) {
    case "offline":
      return PROBLEM_RANK.offline;
    case "degraded":
      return PROBLEM_RANK.degraded;
    case "pending":
      return PROBLEM_RANK.pending;
    default:
      if (c.nodesReady < c.nodesTotal) return PROBLEM_RANK.nodesNotReady;
      if (c.workloadsHealthy < c.workloadsTotal) return PROBLEM_RANK.workloadsUnhealthy;
      return PROBLEM_RANK.healthy;
  }
}
