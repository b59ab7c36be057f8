import type { CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";

/**
 * Revokes every credential of a cluster's agent (a stolen or decommissioned device): a
 * connected agent is told why and disconnected at once, and any later attempt is refused with
 * the same reason. The cluster and its history stay. Audited.
 */
export async function revokeAgentCredential(ctx: ServerContext, actor: CurrentUser, clusterId: string, reason: string): Promise<void> {
  const cluster = await ctx.db.cluster.findUnique({ where: { id: clusterId }, select: { name: true } });
  if (!cluster) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  const revoked = await ctx.db.agentCredential.updateMany({ where: { clusterId, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: reason } });
  if (revoked.count === 0) throw new AppError("CONFLICT", `the agent of ${cluster.name} has no valid credential to revoke`);
  ctx.presence.connectionOf(clusterId)?.revoked(`the agent credential of ${cluster.name} was revoked by ${actor.username}: ${reason}`);
  await recordAuditEvent(ctx.db, actor, { action: "agent-credential.revoke", targetType: "cluster", targetId: clusterId, details: { cluster: cluster.name, reason } });
}
