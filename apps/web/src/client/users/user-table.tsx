"use client";

import type { UserView } from "@outpost/cluster-core";
import { ErrorAlert } from "../ui/error-alert";
import { tableClasses } from "../ui/table-classes";
import { useUpdateUser } from "./use-update-user";
import { UserRow } from "./user-row";

interface UserTableProps {
  users: UserView[];
  currentUserId: string;
  onResetPassword: (user: UserView) => void;
  onDelete: (user: UserView) => void;
}

/** All accounts; role and enabled state change in place. */
export function UserTable({ users, currentUserId, onResetPassword, onDelete }: UserTableProps) {
  const update = useUpdateUser();
  return (
    <>
      <ErrorAlert error={update.error} className="mb-4" />
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
                onRoleChange={(role) => update.mutate({ id: u.id, role })}
                onToggleDisabled={() => update.mutate({ id: u.id, disabled: !u.disabled })}
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
