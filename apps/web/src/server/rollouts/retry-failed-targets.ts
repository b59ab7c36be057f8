import type { CurrentUser } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { getRolloutOrThrow } from "./get-rollout-or-throw";

/**
 * Gives the failed clusters of a rollout, and those it skipped (paused then, perhaps unpaused
 * since), another go: they are dispatched again with a new attempt number (so their reports tell
 * the retry apart) and a fresh health timeout, and a rollout halted or completed because of them
 * runs again. Refused once a newer rollout of the release exists: it would undo that one.
 */
export async function retryFailedTargets(ctx: ServerContext, actor: CurrentUser, id: string): Promise<{ retried: number }> {
  const retried = await ctx.rollouts.exclusive(async () => {
    const r = await getRolloutOrThrow(ctx.db, id);
    if (r.phase === "superseded") throw new AppError("CONFLICT", "a newer rollout of this release replaced this one");
    const newer = await ctx.db.rollout.findFirst({ where: { releaseName: r.releaseName, createdAt: { gt: r.createdAt }, id: { not: id } }, select: { id: true } });
    if (newer) throw new AppError("CONFLICT", `rollout ${newer.id} of this release is newer; retrying this one would undo it`);
    const targets = await ctx.db.rolloutTarget.findMany({ where: { rolloutId: id, phase: { in: ["failed", "skipped"] } }, select: { id: true, attempt: true, phase: true } });
    if (targets.length === 0) throw new AppError("CONFLICT", "no cluster of this rollout has failed or was skipped");
    const failed = targets.filter((t) => t.phase === "failed").length;
    const now = new Date(ctx.rollouts.now());
    await ctx.db.$transaction(async (tx) => {
      for (const t of targets) {
        await tx.rolloutTarget.update({ where: { id: t.id }, data: { phase: "pending", reason: null, attempt: t.attempt + 1, dispatchedAt: null, finishedAt: null } });
      }
      await tx.rollout.update({
        where: { id },
        data: { acknowledgedFailures: Math.max(0, r.acknowledgedFailures - failed), ...(r.phase === "halted" || r.phase === "completed" ? { phase: "running", haltReason: null, finishedAt: null } : {}) },
      });
      await tx.rolloutEvent.create({ data: { rolloutId: id, at: now, type: "retry", wave: r.currentWave, message: `${actor.username} retried ${targets.length} cluster(s) (${failed} failed, ${targets.length - failed} skipped)` } });
    });
    return targets.length;
  });
  await recordAuditEvent(ctx.db, actor, { action: "rollout.retry", targetType: "rollout", targetId: id, details: { clusters: retried } });
  await ctx.live.rolloutChanged(ctx.db, id);
  ctx.rollouts.poke();
  return { retried };
}
