import { useQuery } from "@tanstack/react-query";
import type { GrantView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Every grant (admins only). */
export function useGrants() {
  return useQuery({
    queryKey: queryKeys.grants.list(),
    queryFn: ({ signal }) => apiFetch<GrantView[]>("/api/v1/grants", { signal }),
  });
}
