"use client";

import type { UserView } from "@outpost/cluster-core";
import { queryKeys } from "../query-keys";
import { DeleteDialog } from "../ui/delete-dialog";

/** Confirms deleting an account. */
export function DeleteUserDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  return (
    <DeleteDialog
      path={user && `/api/v1/users/${encodeURIComponent(user.id)}`}
      title={`Delete user ${user?.username ?? ""}?`}
      confirmLabel="Delete user"
      invalidates={queryKeys.users.list()}
      onClose={onClose}
    >
      <p>They are signed out and their API tokens stop working. The audit log keeps their name. To keep the account but block it, disable it instead.</p>
    </DeleteDialog>
  );
}
