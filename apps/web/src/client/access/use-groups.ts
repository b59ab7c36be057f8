import { useQuery } from "@tanstack/react-query";
import type { GroupView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Every group with its members (admins only). */
export function useGroups() {
  return useQuery({
    queryKey: queryKeys.groups.list(),
    queryFn: ({ signal }) => apiFetch<GroupView[]>("/api/v1/groups", { signal }),
  });
}
