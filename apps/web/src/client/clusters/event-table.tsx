import type { ClusterEvent } from "@outpost/cluster-core";
import { EmptyState } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";

/** Recent Warning events, newest first. */
export function EventTable({ events }: { events: ClusterEvent[] }) {
  if (events.length === 0) return <EmptyState title="No warnings">No Warning events were reported recently.</EmptyState>;
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Recent warning events">
        <TableHead columns={["Time", "Object", "Reason", "Message", "Count"]} />
        <tbody className={tableClasses.body}>
          {events.map((e, i) => (
            <tr key={`${e.namespace}/${e.object}/${e.reason}/${e.lastSeen}/${i}`}>
              <td className={`${tableClasses.td} whitespace-nowrap`}>
                <RelativeTime iso={e.lastSeen} />
              </td>
              <td className={`${tableClasses.td} font-mono text-xs`}>
                {e.namespace ? `${e.namespace}/` : ""}
                {e.object}
              </td>
              <td className={`${tableClasses.td} font-medium text-amber-800`}>{e.reason}</td>
              <td className={`${tableClasses.td} max-w-xl`}>{e.message}</td>
              <td className={`${tableClasses.td} tabular-nums`}>{e.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
