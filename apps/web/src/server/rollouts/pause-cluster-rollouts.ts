import type { ClusterRolloutPause, CurrentUser } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";

/**
 * Pauses (reason given) or unpauses (null) rollouts on one cluster: while paused, a rollout
 * whose wave reaches the cluster skips it and says who paused it and why.
 */
export async function pauseClusterRollouts(ctx: ServerContext, actor: CurrentUser, clusterId: string, reason: string | null): Promise<ClusterRolloutPause | null> {
  const cluster = await ctx.db.cluster.findUnique({ where: { id: clusterId }, select: { name: true } });
  if (!cluster) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  const now = new Date();
  await ctx.rollouts.exclusive(() =>
    ctx.db.cluster.update({
      where: { id: clusterId },
      data: reason === null ? { rolloutPausedAt: null, rolloutPausedBy: null, rolloutPausedReason: null } : { rolloutPausedAt: now, rolloutPausedBy: actor.username, rolloutPausedReason: reason },
    }),
  );
  await recordAuditEvent(ctx.db, actor, { action: reason === null ? "cluster.rollouts-unpause" : "cluster.rollouts-pause", targetType: "cluster", targetId: clusterId, details: { name: cluster.name, reason } });
  ctx.rollouts.poke();
  return reason === null ? null : { pausedAt: now.toISOString(), pausedBy: actor.username, reason };
}

/** The cluster's pause, if any. */
export async function getClusterRolloutPause(ctx: ServerContext, clusterId: string): Promise<ClusterRolloutPause | null> {
  const c = await ctx.db.cluster.findUnique({ where: { id: clusterId }, select: { rolloutPausedAt: true, rolloutPausedBy: true, rolloutPausedReason: true } });
  if (!c) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  return c.rolloutPausedAt && c.rolloutPausedBy ? { pausedAt: c.rolloutPausedAt.toISOString(), pausedBy: c.rolloutPausedBy, reason: c.rolloutPausedReason ?? "" } : null;
}
