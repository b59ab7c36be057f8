"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ApiTokenView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** Confirms revoking a token; scripts using it get 401 from then on. */
export function RevokeTokenDialog({ token, onClose }: { token: ApiTokenView | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/api-tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens.list() });
      close();
    },
  });
  function close() {
    revoke.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={token !== null}
      onClose={close}
      title={`Revoke token ${token?.name ?? ""}?`}
      confirmLabel="Revoke token"
      onConfirm={() => token && revoke.mutate(token.id)}
      pending={revoke.isPending}
      error={revoke.error}
    >
      <p>Anything still using this token is refused from now on. This cannot be undone.</p>
    </ConfirmDialog>
  );
}
