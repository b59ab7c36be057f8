import { useQuery } from "@tanstack/react-query";
import type { UserView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Every user account (admins only). */
export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users.list(),
    queryFn: ({ signal }) => apiFetch<UserView[]>("/api/v1/users", { signal }),
  });
}
