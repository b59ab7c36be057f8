import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { WorkloadSearchPage } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Fleet-wide workload and image search; nothing is asked before 2 characters. */
export function useWorkloadSearch(q: string, field: string, page: number) {
  return useQuery({
    queryKey: queryKeys.search.workloads(q, field, page),
    queryFn: ({ signal }) => apiFetch<WorkloadSearchPage>(`/api/v1/search?${new URLSearchParams({ q, field, page: String(page) })}`, { signal }),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}
