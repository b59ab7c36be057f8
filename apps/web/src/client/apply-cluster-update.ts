import type { QueryClient, QueryKey } from "@tanstack/react-query";
import type { ClusterDetail, ClusterSummary } from "@outpost/cluster-core";
import { clusterMatchesFilter } from "./cluster-matches-filter";
import { queryKeys, type ClusterListFilter } from "./query-keys";

/**
 * Applies a "cluster:updated" push to the cache: every cached fleet list gets the new summary
 * in place (or loses the cluster when its labels no longer match that list's filter), the
 * detail view gets the new summary fields at once, and the detail is refetched so nodes,
 * workloads and events follow.
 */
export function applyClusterUpdate(queryClient: QueryClient, summary: ClusterSummary): void {
  for (const [key, list] of queryClient.getQueriesData<ClusterSummary[]>({ queryKey: queryKeys.clusters.lists() })) {
    if (!list) continue;
    const filter = readFilter(key);
    const matches = filter ? clusterMatchesFilter(summary, filter) : true;
    const cached = list.some((c) => c.id === summary.id);
    if (cached) {
      queryClient.setQueryData<ClusterSummary[]>(key, matches ? list.map((c) => (c.id === summary.id ? summary : c)) : list.filter((c) => c.id !== summary.id));
    } else if (matches) {
      // A cluster new to this list: let the server decide its place.
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
    }
  }
  const detailKey = queryKeys.clusters.detail(summary.id);
  queryClient.setQueryData<ClusterDetail>(detailKey, (old) => (old ? { ...old, ...summary } : old));
  void queryClient.invalidateQueries({ queryKey: detailKey, exact: true });
}

function readFilter(key: QueryKey): ClusterListFilter | null {
  const f = key[2] as Partial<ClusterListFilter> | undefined;
  return f && typeof f === "object" && typeof f.selector === "string" && typeof f.search === "string" ? { selector: f.selector, search: f.search } : null;
}
