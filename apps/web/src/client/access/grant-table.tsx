"use client";

import type { GrantView } from "@outpost/cluster-core";
import { RoleBadge } from "../shell/role-badge";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";
import { describeGrantScope } from "./describe-grant-scope";

/** Who holds which role on which clusters; each grant can be taken away. */
export function GrantTable({ grants, onRevoke }: { grants: GrantView[]; onRevoke: (grant: GrantView) => void }) {
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Grants">
        <TableHead columns={["Who", "Role", "On", "Since", ""]} />
        <tbody className={tableClasses.body}>
          {grants.map((g) => (
            <tr key={g.id} className="hover:bg-slate-50">
              <td className={`${tableClasses.td} font-medium text-slate-900`}>
                {g.subject.kind === "group" ? <span>group {g.subject.name}</span> : g.subject.name}
              </td>
              <td className={tableClasses.td}>
                <RoleBadge role={g.role} />
              </td>
              <td className={tableClasses.td}>
                <span className={g.scope.kind === "selector" ? "font-mono text-xs" : ""}>{describeGrantScope(g.scope)}</span>
              </td>
              <td className={tableClasses.td}>
                <RelativeTime iso={g.createdAt} />
              </td>
              <td className={`${tableClasses.td} text-right`}>
                <Button size="sm" variant="danger-ghost" onClick={() => onRevoke(g)} aria-label={`Revoke ${g.role} of ${g.subject.name} on ${describeGrantScope(g.scope)}`}>
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
