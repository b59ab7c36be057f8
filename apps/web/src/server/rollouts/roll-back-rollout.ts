import { type CurrentUser, parseStoredJson, type RolloutStrategy, ZRolloutStrategy } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { previousHealthySpecs } from "./previous-healthy-specs";

/**
 * Rolls a rollout back: every cluster that received it gets back the chart version and values
 * it last ran healthily before (or loses the release, if it had none), as a new rollout of kind
 * "rollback" tracked like any other. One wave, no canary, windows not waited for: a rollback
 * undoes a change and should not wait for tonight.
 */
export async function rollBackRollout(ctx: ServerContext, actor: CurrentUser, id: string): Promise<{ id: string }> {
  const created = await ctx.rollouts.exclusive(async () => {
    const r = await ctx.db.rollout.findUnique({ where: { id }, include: { targets: { where: { dispatchedAt: { not: null } }, select: { clusterId: true, dispatchedAt: true } } } });
    if (!r) throw new AppError("NOT_FOUND", `no rollout with id ${id}`);
    if (r.kind !== "deploy") throw new AppError("CONFLICT", "a rollback cannot itself be rolled back; start a new rollout instead");
    if (r.phase === "running" || r.phase === "awaiting-approval") throw new AppError("CONFLICT", "halt the rollout before rolling it back");
    const newer = await ctx.db.rollout.findFirst({ where: { releaseName: r.releaseName, createdAt: { gt: r.createdAt }, id: { not: r.id } }, select: { id: true, kind: true } });
    if (newer) throw new AppError("CONFLICT", `${newer.kind === "rollback" ? "it was already rolled back" : "a newer rollout of this release exists"} (rollout ${newer.id})`);
    if (r.targets.length === 0) throw new AppError("CONFLICT", "no cluster received this rollout yet: there is nothing to roll back");
    const previous = await previousHealthySpecs(ctx.db, r.releaseName, r.id, r.targets);
    const strategy: RolloutStrategy = {
      canary: { mode: "none" },
      waveSize: { unit: "percent", value: 100 },
      failureBudget: r.targets.length,
      betweenWaves: { mode: "pause", seconds: 0 },
      healthTimeoutSeconds: parseStoredJson(ZRolloutStrategy, r.strategy, ZRolloutStrategy.parse({})).healthTimeoutSeconds,
      respectMaintenanceWindows: false,
    };
    const now = new Date(ctx.rollouts.now());
    return ctx.db.$transaction(async (tx) => {
      const rollback = await tx.rollout.create({
        data: {
          kind: "rollback",
          rollbackOfId: r.id,
          chartId: r.chartId,
          releaseName: r.releaseName,
          targetNamespace: r.targetNamespace,
          createNamespace: r.createNamespace,
          valuesDigest: "",
          failurePolicy: r.failurePolicy,
          helmTimeoutSeconds: r.helmTimeoutSeconds,
          selector: r.selector,
          strategy: JSON.stringify(strategy),
          phase: "running",
          waveCount: 1,
          hasCanary: false,
          waveStartedAt: now,
          createdAt: now,
          createdBy: actor.username,
        },
        select: { id: true },
      });
      await tx.rolloutTarget.createMany({ data: r.targets.map((t) => ({ rolloutId: rollback.id, clusterId: t.clusterId, wave: 0, specRolloutId: previous.get(t.clusterId) ?? null })) });
      const removed = r.targets.filter((t) => !previous.get(t.clusterId)).length;
      await tx.rolloutEvent.create({
        data: { rolloutId: rollback.id, at: now, type: "created", message: `${actor.username} rolled back rollout ${r.id} on ${r.targets.length} cluster(s)${removed ? ` (${removed} had no earlier version: the release is removed there)` : ""}` },
      });
      if (r.phase === "halted") {
        await tx.rollout.update({ where: { id: r.id }, data: { phase: "superseded", finishedAt: now } });
        await tx.rolloutTarget.updateMany({ where: { rolloutId: r.id, phase: { in: ["pending", "applying"] } }, data: { phase: "skipped", reason: `rolled back by rollout ${rollback.id}`, finishedAt: now } });
      }
      await tx.rolloutEvent.create({ data: { rolloutId: r.id, at: now, type: "rolled-back", message: `${actor.username} rolled this rollout back (rollout ${rollback.id})` } });
      return rollback;
    });
  });
  await recordAuditEvent(ctx.db, actor, { action: "rollout.rollback", targetType: "rollout", targetId: id, details: { rollback: created.id } });
  await ctx.live.rolloutChanged(ctx.db, id);
  ctx.rollouts.poke();
  return { id: created.id };
}
