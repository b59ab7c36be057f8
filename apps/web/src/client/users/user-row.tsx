"use client";

import type { Role, UserView } from "@outpost/cluster-core";
import { RoleBadge } from "../shell/role-badge";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { RoleSelect } from "./role-select";

interface UserRowProps {
  user: UserView;
  isSelf: boolean;
  busy: boolean;
  onRoleChange: (role: Role) => void;
  onToggleDisabled: () => void;
  onResetPassword: () => void;
  onDelete: () => void;
}

/**
 * One account. On your own row nothing that could lock you out is offered: no role change,
 * no disable, no delete (the server refuses them too).
 */
export function UserRow({ user, isSelf, busy, onRoleChange, onToggleDisabled, onResetPassword, onDelete }: UserRowProps) {
  return (
    <tr className={user.disabled ? "bg-slate-50/70" : "hover:bg-slate-50"}>
      <td className={`${tableClasses.td} font-medium text-slate-900`}>
        {user.username}
        {isSelf && <span className="ml-2 text-xs font-normal text-slate-500">(you)</span>}
      </td>
      <td className={tableClasses.td}>
        {isSelf ? (
          <RoleBadge role={user.role} />
        ) : (
          <RoleSelect id={`role-${user.id}`} compact value={user.role} onChange={onRoleChange} disabled={busy} aria-label={`Role of ${user.username}`} />
        )}
      </td>
      <td className={tableClasses.td}>
        {user.disabled ? (
          <Badge tone="grey" dot>
            Disabled
          </Badge>
        ) : (
          <Badge tone="green" dot>
            Active
          </Badge>
        )}
      </td>
      <td className={tableClasses.td}>
        <RelativeTime iso={user.createdAt} />
      </td>
      <td className={`${tableClasses.td} text-right`}>
        <div className="flex justify-end gap-2">
          {!isSelf && (
            <Button size="sm" onClick={onToggleDisabled} disabled={busy} aria-label={`${user.disabled ? "Enable" : "Disable"} ${user.username}`}>
              {user.disabled ? "Enable" : "Disable"}
            </Button>
          )}
          <Button size="sm" onClick={onResetPassword} aria-label={`Reset password of ${user.username}`}>
            Reset password
          </Button>
          {!isSelf && (
            <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={onDelete} aria-label={`Delete ${user.username}`}>
              Delete
            </Button>
          )}
        </div>
      </td>
    </tr>
  );
}
