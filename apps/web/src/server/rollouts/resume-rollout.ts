import type { CurrentUser } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { getRolloutOrThrow } from "./get-rollout-or-throw";

/**
 * Continues a halted rollout. The failures that halted it count as seen: the failure budget
 * applies to failures from now on (retry the failed clusters to give them another go).
 */
export async function resumeRollout(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  await ctx.rollouts.exclusive(async () => {
    const r = await getRolloutOrThrow(ctx.db, id);
    if (r.phase !== "halted") throw new AppError("CONFLICT", `the rollout is ${r.phase}; only a halted rollout can be resumed`);
    const failed = await ctx.db.rolloutTarget.count({ where: { rolloutId: id, phase: "failed" } });
    const now = new Date(ctx.rollouts.now());
    await ctx.db.$transaction([
      ctx.db.rollout.update({ where: { id }, data: { phase: "running", haltReason: null, acknowledgedFailures: failed } }),
      ctx.db.rolloutEvent.create({
        data: { rolloutId: id, at: now, type: "resumed", wave: r.currentWave, message: `resumed by ${actor.username}${failed ? ` (${failed} failed cluster(s) acknowledged)` : ""}` },
      }),
    ]);
  });
  await recordAuditEvent(ctx.db, actor, { action: "rollout.resume", targetType: "rollout", targetId: id });
  await ctx.live.rolloutChanged(ctx.db, id);
  ctx.rollouts.poke();
}
