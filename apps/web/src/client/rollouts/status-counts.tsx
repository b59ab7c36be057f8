import type { TargetStatus } from "@outpost/cluster-core";
import { TARGET_STATUS_ORDER, TargetStatusBadge } from "./target-status-badge";

/** "3 healthy · 1 failed · 2 waiting-offline": non-zero counts, most important first. */
export function StatusCounts({ counts }: { counts: Record<TargetStatus, number> }) {
  const shown = TARGET_STATUS_ORDER.filter((s) => counts[s] > 0);
  if (shown.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1.5">
      {shown.map((s) => (
        <span key={s} className="inline-flex items-center gap-1 text-xs text-slate-700">
          <span className="tabular-nums font-medium">{counts[s]}</span>
          <TargetStatusBadge status={s} />
        </span>
      ))}
    </span>
  );
}
