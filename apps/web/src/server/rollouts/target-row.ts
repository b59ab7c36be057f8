import type { TargetPhase } from "@outpost/cluster-core";

/** A RolloutTarget row as the scheduler works on it. */
export interface TargetRow {
  id: string;
  clusterId: string;
  wave: number;
  phase: TargetPhase;
  reason: string | null;
  specRolloutId: string | null;
  specHash: string;
  attempt: number;
  dispatchedAt: Date | null;
  finishedAt: Date | null;
}

export const targetRowSelect = {
  id: true,
  clusterId: true,
  wave: true,
  phase: true,
  reason: true,
  specRolloutId: true,
  specHash: true,
  attempt: true,
  dispatchedAt: true,
  finishedAt: true,
} as const;
