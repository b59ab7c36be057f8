import { useQuery } from "@tanstack/react-query";
import type { SavedViewView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** The signed-in user's saved fleet views. */
export function useSavedViews() {
  return useQuery({
    queryKey: queryKeys.savedViews.list(),
    queryFn: ({ signal }) => apiFetch<SavedViewView[]>("/api/v1/saved-views", { signal }),
  });
}
