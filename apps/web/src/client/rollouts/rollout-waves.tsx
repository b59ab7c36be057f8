import Link from "next/link";
import type { RolloutDetail } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";
import { tableClasses } from "../ui/table-classes";
import { StatusCounts } from "./status-counts";
import { TargetStatusBadge } from "./target-status-badge";

/** Per wave, per cluster: state, why, version and when it was sent. */
export function RolloutWaves({ rollout }: { rollout: RolloutDetail }) {
  const active = rollout.phase === "running" || rollout.phase === "awaiting-approval" || rollout.phase === "halted";
  return (
    <div className="space-y-4">
      {rollout.waves.map((w) => {
        const targets = rollout.targets.filter((t) => t.wave === w.index);
        const current = active && w.index === rollout.currentWave;
        return (
          <section key={w.index} aria-label={w.label} className={`rounded-lg border bg-white ${current ? "border-indigo-300 ring-1 ring-indigo-200" : "border-slate-200"}`}>
            <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-4 py-2">
              <h3 className="text-sm font-semibold text-slate-900 capitalize">
                {w.label}
                {current && <span className="ml-2 text-xs font-normal text-indigo-700">current</span>}
                <span className="ml-2 text-xs font-normal text-slate-500">{targets.length} cluster(s)</span>
              </h3>
              <StatusCounts counts={w.counts} />
            </header>
            <table className={tableClasses.table} aria-label={`${w.label} clusters`}>
              <tbody className={tableClasses.body}>
                {targets.map((t) => (
                  <tr key={t.clusterId} data-testid={`target-${t.clusterName}`}>
                    <td className={`${tableClasses.td} w-48 font-medium`}>
                      <Link href={`/clusters/${t.clusterId}`} className="text-indigo-700 hover:underline">
                        {t.clusterName}
                      </Link>
                      <div className="text-xs font-normal text-slate-500">{t.siteName}</div>
                    </td>
                    <td className={`${tableClasses.td} w-36`}>
                      <TargetStatusBadge status={t.status} />
                    </td>
                    <td className={`${tableClasses.td} text-xs break-words text-slate-600`}>{t.detail}</td>
                    <td className={`${tableClasses.td} w-24 font-mono text-xs`}>{t.version}</td>
                    <td className={`${tableClasses.td} w-44 text-xs whitespace-nowrap text-slate-500`}>{t.dispatchedAt ? `sent ${formatDateTime(t.dispatchedAt)}` : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
