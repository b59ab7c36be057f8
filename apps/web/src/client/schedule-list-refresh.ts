import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "./query-keys";

export const LIST_REFRESH_MS = 2_000;
const pending = new WeakMap<QueryClient, ReturnType<typeof setTimeout>>();

/**
 * Refetches the fleet lists at most once per 2 s however many clusters change: a pushed change
 * can move a cluster between pages and change the counters, which only the server can say, and
 * a fleet of thousands must not turn every heartbeat-driven change into a request.
 */
export function scheduleListRefresh(queryClient: QueryClient): void {
  if (pending.has(queryClient)) return;
  pending.set(
    queryClient,
    setTimeout(() => {
      pending.delete(queryClient);
      void queryClient.invalidateQueries({ queryKey: queryKeys.fleet.all() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.lists() });
    }, LIST_REFRESH_MS),
  );
}
