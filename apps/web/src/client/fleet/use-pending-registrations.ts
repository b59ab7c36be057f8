import { useQuery } from "@tanstack/react-query";
import type { PendingRegistrationView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Registration tokens no agent has used yet (the server keeps those the caller would see). */
export function usePendingRegistrations() {
  return useQuery({
    queryKey: queryKeys.clusters.pending(),
    queryFn: ({ signal }) => apiFetch<PendingRegistrationView[]>("/api/v1/registration-tokens", { signal }),
  });
}
