"use client";

import { useState } from "react";
import type { Role, UserView } from "@outpost/cluster-core";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorAlert } from "../ui/error-alert";
import { tableClasses } from "../ui/table-classes";
import { useUpdateUser } from "./use-update-user";
import { UserRow } from "./user-row";

const ROLE_EFFECT: Record<Role, string> = {
  viewer: "As a viewer they will see everything and change nothing.",
  operator: "As an operator they will manage sites and clusters: add, move, relabel and delete them.",
  admin: "As an admin they will also manage users and read the audit log.",
};

/** "an operator", "a viewer". */
const withArticle = (role: Role) => `${/^[aeiou]/.test(role) ? "an" : "a"} ${role}`;

interface UserTableProps {
  users: UserView[];
  currentUserId: string;
  onResetPassword: (user: UserView) => void;
  onDelete: (user: UserView) => void;
}

/** A privilege change waiting for its confirmation. */
type PendingChange = { user: UserView; role: Role } | { user: UserView; disabled: boolean };

/**
 * All accounts. Changing a role or disabling an account asks first: a key press on a focused
 * role list must never promote anyone by itself.
 */
export function UserTable({ users, currentUserId, onResetPassword, onDelete }: UserTableProps) {
  const update = useUpdateUser();
  const [pending, setPending] = useState<PendingChange | null>(null);
  const close = () => {
    setPending(null);
    update.reset();
  };
  return (
    <>
      {!pending && <ErrorAlert error={update.error} className="mb-4" />}
      <ConfirmDialog
        open={pending !== null}
        onClose={close}
        title={pending ? ("role" in pending ? `Make ${pending.user.username} ${withArticle(pending.role)}?` : `${pending.disabled ? "Disable" : "Enable"} ${pending.user.username}?`) : ""}
        confirmLabel={pending ? ("role" in pending ? `Change role to ${pending.role}` : pending.disabled ? "Disable account" : "Enable account") : ""}
        danger={pending !== null && "disabled" in pending && pending.disabled}
        pending={update.isPending}
        error={update.error}
        onConfirm={() => pending && update.mutate({ id: pending.user.id, ...("role" in pending ? { role: pending.role } : { disabled: pending.disabled }) }, { onSuccess: () => setPending(null) })}
      >
        {pending && "role" in pending ? (
          <p>
            {pending.user.username} is {withArticle(pending.user.role)} now. {ROLE_EFFECT[pending.role]}
          </p>
        ) : pending ? (
          <p>{pending.disabled ? `${pending.user.username} is signed out everywhere and cannot sign in until enabled again. Their API tokens stop working.` : `${pending.user.username} can sign in again with their password.`}</p>
        ) : null}
      </ConfirmDialog>
      <div className={tableClasses.wrapper}>
        <table className={tableClasses.table} aria-label="Users">
          <thead className={tableClasses.head}>
            <tr>
              {["Username", "Role", "Status", "Created"].map((h) => (
                <th key={h} scope="col" className={tableClasses.th}>
                  {h}
                </th>
              ))}
              <th scope="col" className={tableClasses.th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className={tableClasses.body}>
            {users.map((u) => (
              <UserRow
                key={u.id}
                user={u}
                isSelf={u.id === currentUserId}
                busy={update.isPending && update.variables?.id === u.id}
                onRoleChange={(role) => role !== u.role && setPending({ user: u, role })}
                onToggleDisabled={() => setPending({ user: u, disabled: !u.disabled })}
                onResetPassword={() => onResetPassword(u)}
                onDelete={() => onDelete(u)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
