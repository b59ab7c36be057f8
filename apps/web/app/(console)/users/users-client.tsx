"use client";

import { useState } from "react";
import type { UserView } from "@outpost/cluster-core";
import { CreateUserForm } from "@/src/client/users/create-user-form";
import { DeleteUserDialog } from "@/src/client/users/delete-user-dialog";
import { ResetPasswordForm } from "@/src/client/users/reset-password-form";
import { UserTable } from "@/src/client/users/user-table";
import { useUsers } from "@/src/client/users/use-users";
import { Button } from "@/src/client/ui/button";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { ModalDialog } from "@/src/client/ui/modal-dialog";
import { PageHeader } from "@/src/client/ui/page-header";

/** User administration (admins only; the page checks the role before rendering this). */
export function UsersClient({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [deleting, setDeleting] = useState<UserView | null>(null);

  return (
    <>
      <PageHeader
        title="Users"
        description="Who may sign in, and with which role."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            New user
          </Button>
        }
      />
      {users.isPending ? (
        <LoadingRows label="Loading users…" />
      ) : users.isError ? (
        <ErrorAlert error={users.error} />
      ) : (
        <UserTable users={users.data} currentUserId={currentUserId} onResetPassword={setResetting} onDelete={setDeleting} />
      )}
      <ModalDialog open={creating} onClose={() => setCreating(false)} title="New user">
        <CreateUserForm onDone={() => setCreating(false)} />
      </ModalDialog>
      <ModalDialog open={resetting !== null} onClose={() => setResetting(null)} title="Reset password" description={
          resetting?.id === currentUserId
            ? "This is your own account: you will be signed out and sign in again with the new password."
            : "Their open sessions end; they sign in again with the new password."
        }
      >
        {resetting && <ResetPasswordForm user={resetting} onDone={() => setResetting(null)} />}
      </ModalDialog>
      <DeleteUserDialog user={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
