"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UserView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** Confirms deleting an account. */
export function DeleteUserDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/users/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.list() });
      close();
    },
  });
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={user !== null}
      onClose={close}
      title={`Delete user ${user?.username ?? ""}?`}
      confirmLabel="Delete user"
      onConfirm={() => user && remove.mutate(user.id)}
      pending={remove.isPending}
      error={remove.error}
    >
      <p>They are signed out and their API tokens stop working. The audit log keeps their name. To keep the account but block it, disable it instead.</p>
    </ConfirmDialog>
  );
}
