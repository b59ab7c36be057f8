import type { WorkloadInfo } from "@outpost/cluster-core";

export type WorkloadHealth = "healthy" | "degraded" | "down" | "scaled-to-zero";

/** Healthy when every desired replica is ready, down when none is, degraded in between. */
export function workloadHealth(w: Pick<WorkloadInfo, "ready" | "desired">): WorkloadHealth {
  if (w.desired === 0) return "scaled-to-zero";
  if (w.ready >= w.desired) return "healthy";
  return w.ready === 0 ? "down" : "degraded";
}
