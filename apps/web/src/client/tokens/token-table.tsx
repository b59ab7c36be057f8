"use client";

import type { ApiTokenView } from "@outpost/cluster-core";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { useNow } from "../use-now";

/** The user's tokens: when made, when last used, when they expire. */
export function TokenTable({ tokens, onRevoke }: { tokens: ApiTokenView[]; onRevoke: (token: ApiTokenView) => void }) {
  const now = useNow();
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="API tokens">
        <thead className={tableClasses.head}>
          <tr>
            {["Name", "Created", "Last used", "Expires"].map((h) => (
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
          {tokens.map((t) => {
            const expired = t.expiresAt !== null && Date.parse(t.expiresAt) <= now;
            return (
              <tr key={t.id} className="hover:bg-slate-50">
                <td className={`${tableClasses.td} font-medium text-slate-900`}>{t.name}</td>
                <td className={tableClasses.td}>
                  <RelativeTime iso={t.createdAt} />
                </td>
                <td className={tableClasses.td}>{t.lastUsedAt ? <RelativeTime iso={t.lastUsedAt} /> : <span className="text-slate-500">never</span>}</td>
                <td className={tableClasses.td}>
                  {expired ? (
                    <Badge tone="grey">Expired</Badge>
                  ) : t.expiresAt ? (
                    <RelativeTime iso={t.expiresAt} />
                  ) : (
                    <span className="text-slate-500">never</span>
                  )}
                </td>
                <td className={`${tableClasses.td} text-right`}>
                  <Button size="sm" variant="ghost" className="text-red-700 hover:bg-red-50 hover:text-red-800" onClick={() => onRevoke(t)} aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
