import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ClusterSummary } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys, type ClusterListFilter } from "../query-keys";

/** The fleet under a selector and search; the previous result stays visible while typing. */
export function useClusterList(filter: ClusterListFilter) {
  return useQuery({
    queryKey: queryKeys.clusters.list(filter),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams();
      if (filter.selector) q.set("selector", filter.selector);
      if (filter.search) q.set("search", filter.search);
      const qs = q.toString();
      return apiFetch<ClusterSummary[]>(`/api/v1/clusters${qs ? `?${qs}` : ""}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
}
