import { useQuery } from "@tanstack/react-query";
import type { RolloutDetail, RolloutSummary } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Rollouts, newest first; refetched when the server says one moved. */
export function useRollouts() {
  return useQuery({ queryKey: queryKeys.rollouts.list(), queryFn: ({ signal }) => apiFetch<RolloutSummary[]>("/api/v1/rollouts", { signal }) });
}

/**
 * One rollout's progress. Live pushes refetch it; a slow poll also runs while it is active,
 * because waiting clusters' "window opens at" and timeouts move with the clock alone.
 */
export function useRollout(id: string) {
  return useQuery({
    queryKey: queryKeys.rollouts.detail(id),
    queryFn: ({ signal }) => apiFetch<RolloutDetail>(`/api/v1/rollouts/${encodeURIComponent(id)}`, { signal }),
    refetchInterval: (q) => (q.state.data && ["running", "awaiting-approval", "halted"].includes(q.state.data.phase) ? 15_000 : false),
  });
}
