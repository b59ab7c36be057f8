"use client";

import type { AuditEventRow } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { AuditTarget } from "./audit-target";
import { formatAuditDetails } from "./format-audit-details";
import { TableHead } from "../ui/table-head";

/** Who did what to which object, newest first. */
export function AuditTable({ events }: { events: AuditEventRow[] }) {
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Audit events">
        <TableHead columns={["Time", "Actor", "Action", "Target", "Details"]} />
        <tbody className={tableClasses.body}>
          {events.map((e) => (
            <tr key={e.id}>
              <td className={`${tableClasses.td} whitespace-nowrap`}>
                <RelativeTime iso={e.at} />
                <span className="block text-xs text-slate-600">{formatDateTime(e.at)}</span>
              </td>
              <td className={`${tableClasses.td} font-medium text-slate-900`}>{e.actorName}</td>
              <td className={`${tableClasses.td} font-mono text-xs whitespace-nowrap`}>{e.action}</td>
              <td className={tableClasses.td}>
                <AuditTarget event={e} />
              </td>
              <td className={`${tableClasses.td} max-w-md text-xs break-words text-slate-600`}>{formatAuditDetails(e.details) || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
