"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { GroupView, UserView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ErrorAlert } from "../ui/error-alert";
import { inputClasses } from "../ui/input-classes";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";

interface GroupTableProps {
  groups: GroupView[];
  users: UserView[];
  onDelete: (group: GroupView) => void;
}

/** Groups and their members; members are added and removed in place. */
export function GroupTable({ groups, users, onDelete }: GroupTableProps) {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.groups.list() });
  const add = useMutation({
    mutationFn: ({ groupId, userId }: { groupId: string; userId: string }) => apiFetch(`/api/v1/groups/${encodeURIComponent(groupId)}/members`, { method: "POST", body: { userId } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: ({ groupId, userId }: { groupId: string; userId: string }) => apiFetch(`/api/v1/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" }),
    onSuccess: refresh,
  });
  return (
    <>
      <ErrorAlert error={add.error ?? remove.error} className="mb-4" />
      <div className={tableClasses.wrapper}>
        <table className={tableClasses.table} aria-label="Groups">
          <TableHead columns={["Group", "Members", "Add a member", ""]} />
          <tbody className={tableClasses.body}>
            {groups.map((g) => {
              const outside = users.filter((u) => !g.members.some((m) => m.userId === u.id));
              return (
                <tr key={g.id} className="hover:bg-slate-50">
                  <td className={`${tableClasses.td} font-medium text-slate-900`}>{g.name}</td>
                  <td className={tableClasses.td}>
                    {g.members.length === 0 ? (
                      <span className="text-slate-500">nobody yet</span>
                    ) : (
                      <ul className="flex flex-wrap gap-1.5">
                        {g.members.map((m) => (
                          <li key={m.userId} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2 text-xs text-slate-700">
                            {m.username}
                            <button
                              type="button"
                              className="rounded-full px-1 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                              aria-label={`Remove ${m.username} from ${g.name}`}
                              onClick={() => remove.mutate({ groupId: g.id, userId: m.userId })}
                            >
                              ×
                            </button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className={tableClasses.td}>
                    <select
                      aria-label={`Add a member to ${g.name}`}
                      className={`${inputClasses()} w-auto! py-1`}
                      value=""
                      disabled={outside.length === 0 || add.isPending}
                      onChange={(e) => e.target.value && add.mutate({ groupId: g.id, userId: e.target.value })}
                    >
                      <option value="">{outside.length === 0 ? "everyone is in" : "add…"}</option>
                      {outside.map((u) => (
                        <option key={u.id} value={u.id}>
                          {u.username}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className={`${tableClasses.td} text-right`}>
                    <Button size="sm" variant="danger-ghost" onClick={() => onDelete(g)} aria-label={`Delete group ${g.name}`}>
                      Delete
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
