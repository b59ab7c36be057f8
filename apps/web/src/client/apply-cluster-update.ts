import type { QueryClient } from "@tanstack/react-query";
import type { ClusterDetail, ClusterSummary, FleetPage } from "@outpost/cluster-core";
import { queryKeys } from "./query-keys";
import { scheduleListRefresh } from "./schedule-list-refresh";

/**
 * Applies a "cluster:updated" push to the cache: a cluster shown on a cached fleet page gets its
 * new summary at once, in place; the lists are then refetched (throttled) because order, pages
 * and counters may have moved; the detail view gets the new summary fields at once and is
 * refetched so nodes, workloads and events follow.
 */
export function applyClusterUpdate(queryClient: QueryClient, summary: ClusterSummary): void {
  for (const [key, page] of queryClient.getQueriesData<FleetPage>({ queryKey: queryKeys.fleet.all() })) {
    if (!page?.items.some((c) => c.id === summary.id)) continue;
    queryClient.setQueryData<FleetPage>(key, { ...page, items: page.items.map((c) => (c.id === summary.id ? { ...c, ...summary } : c)) });
  }
  scheduleListRefresh(queryClient);
  const detailKey = queryKeys.clusters.detail(summary.id);
  queryClient.setQueryData<ClusterDetail>(detailKey, (old) => (old ? { ...old, ...summary } : old));
  void queryClient.invalidateQueries({ queryKey: detailKey, exact: true });
  void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.historyAll(summary.id) });
}
