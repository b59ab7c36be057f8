import type { TargetStatus } from "@outpost/cluster-core";

/** Zero for every status, then one per status given. */
export function countTargetStatuses(statuses: Iterable<TargetStatus>): Record<TargetStatus, number> {
  const counts: Record<TargetStatus, number> = { queued: 0, "waiting-window": 0, "waiting-offline": 0, paused: 0, applying: 0, healthy: 0, failed: 0, skipped: 0 };
  for (const s of statuses) counts[s]++;
  return counts;
}
