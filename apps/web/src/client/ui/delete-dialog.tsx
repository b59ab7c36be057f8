"use client";

import type { ReactNode } from "react";
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { apiFetch } from "../api-fetch";
import { ConfirmDialog } from "./confirm-dialog";

interface DeleteDialogProps {
  /** The API path to DELETE; null while the dialog is closed. */
  path: string | null;
  title: string;
  confirmLabel: string;
  /** Queries to refresh once the object is gone. */
  invalidates: QueryKey;
  onClose: () => void;
  children: ReactNode;
  confirmDisabled?: boolean;
}

/** Confirms a deletion, performs it, and shows the server's refusal (e.g. a 409) in place. */
export function DeleteDialog({ path, title, confirmLabel, invalidates, onClose, children, confirmDisabled }: DeleteDialogProps) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (target: string) => apiFetch(target, { method: "DELETE" }),
    // Closes once the list has refreshed: the row (and the button that opened the dialog) is gone
    // by then, so focus goes to the page rather than to a button about to disappear.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: invalidates });
      close();
    },
  });
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={path !== null}
      onClose={close}
      title={title}
      confirmLabel={confirmLabel}
      onConfirm={() => path && remove.mutate(path)}
      pending={remove.isPending}
      error={remove.error}
      confirmDisabled={confirmDisabled}
    >
      {children}
    </ConfirmDialog>
  );
}
