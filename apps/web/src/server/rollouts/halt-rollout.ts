import type { CurrentUser } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { getRolloutOrThrow } from "./get-rollout-or-throw";

/** Stops a rollout from changing more clusters; clusters already applying finish on their own. */
export async function haltRollout(ctx: ServerContext, actor: CurrentUser, id: string, reason: string): Promise<void> {
  await ctx.rollouts.exclusive(async () => {
    const r = await getRolloutOrThrow(ctx.db, id);
    if (r.phase !== "running" && r.phase !== "awaiting-approval") throw new AppError("CONFLICT", `the rollout is ${r.phase}; only a running rollout can be halted`);
    const haltReason = `halted by ${actor.username}${reason.trim() ? `: ${reason.trim()}` : ""}`;
    const now = new Date(ctx.rollouts.now());
    await ctx.db.$transaction([
      ctx.db.rollout.update({ where: { id }, data: { phase: "halted", haltReason } }),
      ctx.db.rolloutEvent.create({ data: { rolloutId: id, at: now, type: "halted", wave: r.currentWave, message: haltReason } }),
    ]);
  });
  await recordAuditEvent(ctx.db, actor, { action: "rollout.halt", targetType: "rollout", targetId: id, details: { reason } });
  await ctx.live.rolloutChanged(ctx.db, id);
  ctx.rollouts.poke();
}
