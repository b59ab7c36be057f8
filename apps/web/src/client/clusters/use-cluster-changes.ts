import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ClusterChangePage, ClusterChangeView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** One page of a cluster's changes; page 1 starts from what the cluster detail already holds. */
export function useClusterChanges(id: string, page: number, pageSize: number, first: { items: ClusterChangeView[]; total: number }) {
  return useQuery({
    queryKey: queryKeys.clusters.changes(id, page, pageSize),
    queryFn: ({ signal }) => apiFetch<ClusterChangePage>(`/api/v1/clusters/${encodeURIComponent(id)}/changes?page=${page}&pageSize=${pageSize}`, { signal }),
    initialData: page === 1 && first.items.length >= Math.min(pageSize, first.total) ? { items: first.items.slice(0, pageSize), total: first.total, page: 1, pageSize } : undefined,
    placeholderData: keepPreviousData,
  });
}
