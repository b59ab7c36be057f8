import type { ClusterChangeView } from "@outpost/cluster-core";
import { EmptyState } from "../ui/empty-state";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";

/** Changes delivered through the agent's outbox, newest first, with their sequence numbers. */
export function ChangeTable({ changes }: { changes: ClusterChangeView[] }) {
  if (changes.length === 0) return <EmptyState title="No changes yet">Changes the agent observes in the cluster appear here, in order, even those made while it was offline.</EmptyState>;
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Recent changes">
        <TableHead columns={["#", "Observed", "Change", "Object", "Summary"]} />
        <tbody className={tableClasses.body}>
          {changes.map((c) => (
            <tr key={c.seq}>
              <td className={`${tableClasses.td} tabular-nums text-slate-500`}>{c.seq}</td>
              <td className={`${tableClasses.td} whitespace-nowrap`} title={`received ${c.receivedAt}`}>
                <RelativeTime iso={c.observedAt} />
              </td>
              <td className={`${tableClasses.td} text-xs font-medium`}>{c.type}</td>
              <td className={`${tableClasses.td} font-mono text-xs`}>
                {c.kind && `${c.kind} `}
                {c.namespace ? `${c.namespace}/` : ""}
                {c.name}
              </td>
              <td className={`${tableClasses.td} max-w-xl`}>{c.summary}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
