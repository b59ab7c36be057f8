import { parseStoredJson, type RolloutPhase, stepRollout, ZRolloutStrategy } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { dispatchTargets } from "./dispatch-targets";
import { evaluateApplyingTargets } from "./evaluate-applying-targets";
import { loadTargetClusters } from "./load-target-clusters";
import { ReleaseSpecCache } from "./release-spec-cache";
import { targetRowSelect } from "./target-row";

const ACTIVE: readonly string[] = ["running", "awaiting-approval", "halted"];

/**
 * One scheduler pass over one rollout: health of the clusters it changed, then the planner's
 * decision (stepRollout) carried out — dispatches, skips, wave moves, halts — and recorded in
 * the rollout's timeline. Returns whether anything changed.
 */
export async function advanceRollout(ctx: ServerContext, rolloutId: string, now: number): Promise<boolean> {
  const r = await ctx.db.rollout.findUnique({ where: { id: rolloutId }, include: { targets: { select: targetRowSelect } } });
  if (!r || !ACTIVE.includes(r.phase)) return false;
  const strategy = parseStoredJson(ZRolloutStrategy, r.strategy, ZRolloutStrategy.parse({}));
  const targets = r.targets.map((t) => ({ ...t, phase: t.phase as "pending" }));
  const clusters = await loadTargetClusters(ctx.db, targets.map((t) => t.clusterId));
  const specs = new ReleaseSpecCache(ctx);
  const events: Array<{ type: string; wave: number | null; clusterId: string | null; message: string }> = [];
  const name = (id: string) => clusters.get(id)?.name ?? id;

  const evaluated = await evaluateApplyingTargets(ctx, { releaseName: r.releaseName, targets, specs, timeoutMs: strategy.healthTimeoutSeconds * 1000, now });
  for (const t of evaluated.filter((x) => x.phase !== "applying")) events.push({ type: t.phase, wave: t.wave, clusterId: t.clusterId, message: `${name(t.clusterId)}: ${t.reason ?? t.phase}` });

  const progress = {
    phase: r.phase as RolloutPhase,
    currentWave: r.currentWave,
    waveCount: r.waveCount,
    hasCanary: r.hasCanary,
    waveStartedAt: r.waveStartedAt?.getTime() ?? null,
    waveSettledAt: r.waveSettledAt?.getTime() ?? null,
    acknowledgedFailures: r.acknowledgedFailures,
    haltReason: r.haltReason,
  };
  const step = stepRollout({ progress, strategy, targets, clusterOf: (id) => clusters.get(id), now });

  const byId = new Map(targets.map((t) => [t.clusterId, t]));
  const toDispatch = step.dispatch.map((id) => byId.get(id)!);
  await dispatchTargets(ctx, { releaseName: r.releaseName, targets: toDispatch, specs, now });
  if (toDispatch.length > 0) {
    const names = toDispatch.slice(0, 5).map((t) => name(t.clusterId)).join(", ");
    events.push({ type: "dispatched", wave: step.progress.currentWave, clusterId: null, message: `sent to ${toDispatch.length} cluster(s): ${names}${toDispatch.length > 5 ? ", …" : ""}` });
  }
  for (const s of step.skipped) {
    const t = byId.get(s.clusterId)!;
    Object.assign(t, { phase: "skipped", reason: s.reason, finishedAt: new Date(now) });
    evaluated.push(t);
  }
  for (const e of step.events) events.push({ type: e.type, wave: e.wave, clusterId: e.clusterId ?? null, message: e.message });

  const p = step.progress;
  const progressChanged =
    p.phase !== progress.phase || p.currentWave !== progress.currentWave || p.waveStartedAt !== progress.waveStartedAt || p.waveSettledAt !== progress.waveSettledAt || p.haltReason !== progress.haltReason;
  if (evaluated.length === 0 && !progressChanged && events.length === 0 && toDispatch.length === 0) return false;
  await ctx.db.$transaction(async (tx) => {
    for (const t of evaluated) await tx.rolloutTarget.update({ where: { id: t.id }, data: { phase: t.phase, reason: t.reason, finishedAt: t.finishedAt } });
    if (progressChanged) {
      await tx.rollout.update({
        where: { id: r.id },
        data: {
          phase: p.phase,
          currentWave: p.currentWave,
          waveStartedAt: p.waveStartedAt === null ? null : new Date(p.waveStartedAt),
          waveSettledAt: p.waveSettledAt === null ? null : new Date(p.waveSettledAt),
          haltReason: p.haltReason,
          finishedAt: p.phase === "completed" ? new Date(now) : null,
        },
      });
    }
    if (events.length > 0) await tx.rolloutEvent.createMany({ data: events.map((e, i) => ({ rolloutId: r.id, at: new Date(now + i), ...e })) });
  });
  return true;
}
