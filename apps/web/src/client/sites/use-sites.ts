import { useQuery } from "@tanstack/react-query";
import type { SiteView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** All sites, sorted as the server sends them. */
export function useSites() {
  return useQuery({
    queryKey: queryKeys.sites.list(),
    queryFn: ({ signal }) => apiFetch<SiteView[]>("/api/v1/sites", { signal }),
  });
}
