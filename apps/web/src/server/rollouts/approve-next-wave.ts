import { type CurrentUser, waveLabel } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { getRolloutOrThrow } from "./get-rollout-or-throw";

/** Lets a rollout waiting for approval start its next wave. */
export async function approveNextWave(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  await ctx.rollouts.exclusive(async () => {
    const r = await getRolloutOrThrow(ctx.db, id);
    if (r.phase !== "awaiting-approval") throw new AppError("CONFLICT", `the rollout is ${r.phase}; there is no wave waiting for approval`);
    if (r.currentWave >= r.waveCount - 1) throw new AppError("CONFLICT", "the last wave has already started");
    const now = ctx.rollouts.now();
    await ctx.db.$transaction([
      ctx.db.rollout.update({ where: { id }, data: { phase: "running", currentWave: r.currentWave + 1, waveStartedAt: new Date(now), waveSettledAt: null } }),
      ctx.db.rolloutEvent.create({ data: { rolloutId: id, at: new Date(now), type: "approved", wave: r.currentWave + 1, message: `${actor.username} approved ${waveLabel(r, r.currentWave + 1)}` } }),
    ]);
  });
  await recordAuditEvent(ctx.db, actor, { action: "rollout.approve", targetType: "rollout", targetId: id });
  await ctx.live.rolloutChanged(ctx.db, id);
  ctx.rollouts.poke();
}
