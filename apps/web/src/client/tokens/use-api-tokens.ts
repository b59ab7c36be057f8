import { useQuery } from "@tanstack/react-query";
import type { ApiTokenView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** The signed-in user's own API tokens. */
export function useApiTokens() {
  return useQuery({
    queryKey: queryKeys.apiTokens.list(),
    queryFn: ({ signal }) => apiFetch<ApiTokenView[]>("/api/v1/api-tokens", { signal }),
  });
}
