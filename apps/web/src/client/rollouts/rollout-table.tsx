import Link from "next/link";
import type { RolloutSummary } from "@outpost/cluster-core";
import { Badge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { tableClasses } from "../ui/table-classes";
import { TableHead } from "../ui/table-head";
import { RolloutPhaseBadge } from "./rollout-phase-badge";
import { StatusCounts } from "./status-counts";

/** Rollouts with chart, release, state and cluster counts; each row opens its progress page. */
export function RolloutTable({ rollouts, label = "Rollouts" }: { rollouts: RolloutSummary[]; label?: string }) {
  return (
    <div className={tableClasses.wrapper}>
      <table className={tableClasses.table} aria-label={label}>
        <TableHead columns={["Release", "Chart", "State", "Clusters", "Started"]} />
        <tbody className={tableClasses.body}>
          {rollouts.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50">
              <td className={`${tableClasses.td} font-medium`}>
                <Link href={`/rollouts/${r.id}`} className="text-indigo-700 hover:underline">
                  {r.releaseName}
                </Link>
                <span className="ml-1 text-xs text-slate-500">→ {r.targetNamespace}</span>
                {r.kind === "rollback" && (
                  <span className="ml-2">
                    <Badge tone="amber">rollback</Badge>
                  </span>
                )}
              </td>
              <td className={tableClasses.td}>
                {r.chart.name} <span className="font-mono text-xs">{r.chart.version}</span>
              </td>
              <td className={tableClasses.td}>
                <RolloutPhaseBadge phase={r.phase} />
                {r.phase === "running" && r.waveCount > 1 && (
                  <span className="ml-2 text-xs text-slate-500">
                    {r.hasCanary ? (r.currentWave === 0 ? "canary" : `wave ${r.currentWave} of ${r.waveCount - 1}`) : `wave ${r.currentWave + 1} of ${r.waveCount}`}
                  </span>
                )}
              </td>
              <td className={tableClasses.td}>
                <StatusCounts counts={r.counts} />
              </td>
              <td className={`${tableClasses.td} whitespace-nowrap text-slate-500`}>
                <RelativeTime iso={r.createdAt} /> by {r.createdBy}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
