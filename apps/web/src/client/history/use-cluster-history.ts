import { useQuery } from "@tanstack/react-query";
import type { ClusterHistoryView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** A cluster's status transitions over the last `days`; refetched when the cluster's status changes. */
export function useClusterHistory(id: string, days: number) {
  return useQuery({
    queryKey: queryKeys.clusters.history(id, days),
    queryFn: ({ signal }) => apiFetch<ClusterHistoryView>(`/api/v1/clusters/${encodeURIComponent(id)}/history?days=${days}`, { signal }),
  });
}
