import Link from "next/link";
import type { ChartView } from "@outpost/cluster-core";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";

/** Chart versions: where each came from and how often it was rolled out. */
export function ChartTable({ charts }: { charts: ChartView[] }) {
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label="Charts">
        <TableHead columns={["Chart", "Version", "App version", "From", "Rollouts", "Added"]} />
        <tbody className={tableClasses.body}>
          {charts.map((c) => (
            <tr key={c.id} className="hover:bg-slate-50">
              <td className={`${tableClasses.td} font-medium`}>
                <Link href={`/charts/${c.id}`} className="text-indigo-700 hover:underline">
                  {c.name}
                </Link>
                {c.description && <p className="text-xs text-slate-500">{c.description}</p>}
              </td>
              <td className={`${tableClasses.td} font-mono text-xs`}>{c.version}</td>
              <td className={`${tableClasses.td} font-mono text-xs`}>{c.appVersion || "—"}</td>
              <td className={tableClasses.td}>{c.origin.kind === "upload" ? "uploaded" : c.origin.name}</td>
              <td className={`${tableClasses.td} tabular-nums`}>{c.rolloutCount}</td>
              <td className={`${tableClasses.td} whitespace-nowrap text-slate-500`}>
                <RelativeTime iso={c.createdAt} /> by {c.createdBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
