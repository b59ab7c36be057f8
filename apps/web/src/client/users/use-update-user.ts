import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Role, UserView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

export interface UserChange {
  id: string;
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/** PATCH /api/v1/users/:id, then a fresh user list. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: UserChange) => apiFetch<UserView>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PATCH", body: change }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.users.list() }),
  });
}
