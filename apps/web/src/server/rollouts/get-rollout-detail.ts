import { describeTargetStatus, parseStoredJson, type RolloutDetail, type RolloutPhase, type TargetPhase, waveLabel, ZRolloutStrategy } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { countTargetStatuses } from "./count-target-statuses";
import { rolloutSummaryInclude, toRolloutSummary } from "./list-rollouts";
import { loadTargetClusters } from "./load-target-clusters";

const EVENTS_SHOWN = 300;

/**
 * Everything the progress page shows: per wave and per cluster state with reasons, the timeline,
 * the actions allowed now. `visibleIds` (null: every cluster) leaves out the clusters, and their
 * events, the caller may not see (requireRolloutAccess decides whether they see the rollout at all).
 */
export async function getRolloutDetail(ctx: ServerContext, id: string, visibleIds: string[] | null = null): Promise<RolloutDetail> {
  const r = await ctx.db.rollout.findUnique({
    where: { id },
    include: {
      ...rolloutSummaryInclude,
      targets: { select: { clusterId: true, wave: true, phase: true, reason: true, specRolloutId: true, dispatchedAt: true, finishedAt: true } },
      events: { orderBy: { at: "desc" }, take: EVENTS_SHOWN },
    },
  });
  if (!r) throw new AppError("NOT_FOUND", `no rollout with id ${id}`);
  const visible = visibleIds ? new Set(visibleIds) : null;
  const seen = (clusterId: string | null) => clusterId === null || visible === null || visible.has(clusterId);
  const shown = r.targets.filter((t) => seen(t.clusterId));
  const strategy = parseStoredJson(ZRolloutStrategy, r.strategy, ZRolloutStrategy.parse({}));
  const clusters = await loadTargetClusters(ctx.db, shown.map((t) => t.clusterId));
  const specIds = [...new Set(shown.map((t) => t.specRolloutId).filter((s): s is string => s !== null && s !== r.id))];
  const versions = new Map((await ctx.db.rollout.findMany({ where: { id: { in: specIds } }, select: { id: true, chart: { select: { version: true } } } })).map((s) => [s.id, s.chart.version]));
  versions.set(r.id, r.chart.version);
  const now = ctx.rollouts.now();
  const progress = { phase: r.phase as RolloutPhase, currentWave: r.currentWave, hasCanary: r.hasCanary };

  const targets = shown
    .map((t) => {
      const cluster = clusters.get(t.clusterId);
      const view = describeTargetStatus({ ...t, phase: t.phase as TargetPhase }, cluster, progress, strategy, now);
      return {
        clusterId: t.clusterId,
        clusterName: cluster?.name ?? t.clusterId,
        siteName: cluster?.siteName ?? "",
        wave: t.wave,
        phase: t.phase as TargetPhase,
        status: view.status,
        detail: view.detail,
        waitingUntil: view.waitingUntil === null ? null : new Date(view.waitingUntil).toISOString(),
        version: t.specRolloutId === null ? "remove" : (versions.get(t.specRolloutId) ?? "?"),
        dispatchedAt: t.dispatchedAt?.toISOString() ?? null,
        finishedAt: t.finishedAt?.toISOString() ?? null,
      };
    })
    .sort((a, b) => a.wave - b.wave || (a.clusterName < b.clusterName ? -1 : 1));

  const waves = Array.from({ length: r.waveCount }, (_, index) => ({
    index,
    label: waveLabel(r, index),
    kind: r.hasCanary && index === 0 ? ("canary" as const) : ("wave" as const),
    counts: countTargetStatuses(targets.filter((t) => t.wave === index).map((t) => t.status)),
  }));
  const active = r.phase === "running" || r.phase === "awaiting-approval";
  const retriable = targets.some((t) => t.phase === "failed" || (t.phase === "skipped" && clusters.has(t.clusterId)));
  const newer = await ctx.db.rollout.count({ where: { releaseName: r.releaseName, createdAt: { gt: r.createdAt } } });
  return {
    ...toRolloutSummary(r, targets.map((t) => t.status)),
    valuesContent: r.valuesContent,
    strategy,
    createNamespace: r.createNamespace,
    failurePolicy: r.failurePolicy,
    helmTimeoutSeconds: r.helmTimeoutSeconds,
    waveStartedAt: r.waveStartedAt?.toISOString() ?? null,
    waves,
    targets,
    events: r.events.filter((e) => seen(e.clusterId)).map((e) => ({ at: e.at.toISOString(), type: e.type, wave: e.wave, clusterId: e.clusterId, message: e.message })),
    actions: {
      halt: active,
      resume: r.phase === "halted",
      retry: retriable && r.phase !== "superseded" && newer === 0,
      approve: r.phase === "awaiting-approval",
      rollback: r.kind === "deploy" && !active && newer === 0 && targets.some((t) => t.dispatchedAt !== null),
    },
  };
}
