"use client";

import Link from "next/link";
import { RolloutActions } from "@/src/client/rollouts/rollout-actions";
import { RolloutPhaseBadge } from "@/src/client/rollouts/rollout-phase-badge";
import { RolloutTimeline } from "@/src/client/rollouts/rollout-timeline";
import { RolloutWaves } from "@/src/client/rollouts/rollout-waves";
import { StatusCounts } from "@/src/client/rollouts/status-counts";
import { useRollout } from "@/src/client/rollouts/use-rollouts";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";
import { RelativeTime } from "@/src/client/ui/relative-time";

/** A rollout's live progress: waves and clusters with their states, the timeline, the actions. */
export function RolloutClient({ id, canOperate }: { id: string; canOperate: boolean }) {
  const rollout = useRollout(id);
  if (rollout.isPending) return <LoadingRows label="Loading the rollout…" />;
  if (rollout.isError) return <ErrorAlert error={rollout.error} />;
  const r = rollout.data;
  const s = r.strategy;
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {r.kind === "rollback" ? "Rollback of " : ""}
            {r.releaseName} <span className="text-base font-normal text-slate-500">→ {r.targetNamespace}</span>
            <RolloutPhaseBadge phase={r.phase} />
          </span>
        }
        description={
          <>
            <Link href={`/charts/${r.chart.id}`} className="text-indigo-700 hover:underline">
              {r.chart.name} {r.kind === "rollback" ? "(previous versions)" : r.chart.version}
            </Link>{" "}
            · selector <code className="font-mono">{r.selector || "(all clusters)"}</code> · started <RelativeTime iso={r.createdAt} /> by {r.createdBy}
            {r.rollbackOfId && (
              <>
                {" "}
                · rolls back{" "}
                <Link href={`/rollouts/${r.rollbackOfId}`} className="text-indigo-700 hover:underline">
                  this rollout
                </Link>
              </>
            )}
          </>
        }
        actions={canOperate ? <RolloutActions rollout={r} /> : undefined}
      />
      {r.haltReason && r.phase === "halted" && (
        <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p className="font-semibold">Halted</p>
          <p className="break-words">{r.haltReason}</p>
        </div>
      )}
      {r.phase === "awaiting-approval" && <p className="mb-4 rounded-md border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-800">The next wave waits for an operator&apos;s approval.</p>}
      <div className="mb-6 flex flex-wrap items-center gap-4 text-sm text-slate-600">
        <span>
          <span className="font-semibold text-slate-900 tabular-nums">{r.total}</span> clusters
        </span>
        <StatusCounts counts={r.counts} />
        <span>
          {s.canary.mode === "none" ? "no canary" : "canary first"} · waves of {s.waveSize.value}
          {s.waveSize.unit === "percent" ? " %" : " clusters"} · failure budget {s.failureBudget} · {s.betweenWaves.mode === "approval" ? "approval between waves" : `${s.betweenWaves.seconds} s between waves`} ·{" "}
          {s.respectMaintenanceWindows ? "maintenance windows respected" : "windows ignored"}
        </span>
      </div>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <RolloutWaves rollout={r} />
        <aside className="space-y-4">
          <h2 className="text-sm font-semibold text-slate-900">Timeline</h2>
          <RolloutTimeline events={r.events} />
          {r.kind === "deploy" && (
            <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
              <summary className="cursor-pointer font-medium">Values</summary>
              <pre className="mt-2 max-h-96 overflow-auto text-xs">{r.valuesContent || "(chart defaults)"}</pre>
            </details>
          )}
        </aside>
      </div>
    </>
  );
}
