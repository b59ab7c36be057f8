import { formatBytes } from "@outpost/cluster-core";

/** A progress bar with its percentage, for a transfer of `done` of `total` bytes. */
export function TransferProgress({ done, total, label }: { done: number; total: number; label: string }) {
  const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
  return (
    <div className="flex min-w-40 items-center gap-2">
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100">
        <div className={`h-full rounded-full ${percent === 100 ? "bg-emerald-500" : "bg-indigo-500"}`} style={{ width: `${percent}%` }} />
      </div>
      <span className="w-10 text-right text-xs tabular-nums text-slate-700">{percent} %</span>
      <span className="hidden text-xs whitespace-nowrap text-slate-500 tabular-nums xl:inline">
        {formatBytes(done)} / {formatBytes(total)}
      </span>
    </div>
  );
}
