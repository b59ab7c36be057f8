import type { ClusterSnapshot } from "../schemas/snapshot";

export interface SnapshotSummary {
  nodesReady: number;
  nodesTotal: number;
  workloadsHealthy: number;
  workloadsTotal: number;
}

/** Counts for the fleet overview. A workload is healthy when all its desired replicas are ready. */
export function summarizeSnapshot(snapshot: Pick<ClusterSnapshot, "nodes" | "workloads">): SnapshotSummary {
  return {
    nodesReady: snapshot.nodes.filter((n) => n.ready).length,
    nodesTotal: snapshot.nodes.length,
    workloadsHealthy: snapshot.workloads.filter((w) => w.ready >= w.desired).length,
    workloadsTotal: snapshot.workloads.length,
  };
}
