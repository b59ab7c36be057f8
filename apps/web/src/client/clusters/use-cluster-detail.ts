import { useQuery } from "@tanstack/react-query";
import type { ClusterDetail } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** One cluster with its nodes, workloads and events; seeded with what the server page read. */
export function useClusterDetail(id: string, initialData: ClusterDetail) {
  return useQuery({
    queryKey: queryKeys.clusters.detail(id),
    queryFn: ({ signal }) => apiFetch<ClusterDetail>(`/api/v1/clusters/${encodeURIComponent(id)}`, { signal }),
    initialData,
  });
}
