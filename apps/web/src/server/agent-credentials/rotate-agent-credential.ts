import type { CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { newSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";
import { ROTATED, SUPERSEDED } from "./revocation-reasons";

/**
 * Gives a connected agent a new credential without a gap: the new one is stored, handed over
 * the agent's connection, saved by the agent, and only once the agent confirms is the old one
 * revoked. If the confirmation is lost, both stay valid until the agent next connects; the one
 * it presents then is kept and the other revoked (authenticate-agent.ts).
 */
export async function rotateAgentCredential(ctx: ServerContext, clusterId: string, why: { actor: CurrentUser | null; reason: "schedule" | "on demand" }): Promise<void> {
  const conn = ctx.presence.connectionOf(clusterId);
  if (!conn) throw new AppError("CONFLICT", "the cluster's agent is not connected; a credential can only be rotated while the agent can take the new one");
  if (!conn.features.includes("credential-rotation")) throw new AppError("CONFLICT", `the agent of ${conn.clusterName} is too old to rotate its credential; upgrade it`);
  const live = await ctx.db.agentCredential.count({ where: { clusterId, revokedAt: null } });
  if (live === 0) throw new AppError("CONFLICT", "the agent's credential was revoked");
  if (live > 1) throw new AppError("CONFLICT", "a rotation is still waiting for the agent to confirm; it completes when the agent next connects");

  const started = new Date();
  const fresh = newSecretToken("agc");
  const row = await ctx.db.agentCredential.create({ data: { clusterId, secretHash: fresh.hash } });
  // A revocation that landed between the count and the create did not see the new row.
  const revokedMeanwhile = await ctx.db.agentCredential.count({ where: { clusterId, revokedAt: { gte: started }, NOT: { revokedReason: { in: [ROTATED, SUPERSEDED] } } } });
  if (revokedMeanwhile > 0) {
    await ctx.db.agentCredential.update({ where: { id: row.id }, data: { revokedAt: new Date(), revokedReason: "revoked while being issued" } });
    throw new AppError("CONFLICT", "the agent's credential was revoked");
  }
  const saved = await conn.rotateCredential(fresh.token).catch(() => false);
  if (!saved) throw new AppError("CONFLICT", "the agent did not confirm that it saved the new credential; the rotation completes when it next connects");
  const now = new Date();
  await ctx.db.agentCredential.updateMany({ where: { clusterId, id: { not: row.id }, revokedAt: null }, data: { revokedAt: now, revokedReason: ROTATED } });
  conn.credential = { id: row.id, createdAt: row.createdAt };
  await recordAuditEvent(ctx.db, why.actor ?? { id: null, username: "system" }, {
    action: "agent-credential.rotate",
    targetType: "cluster",
    targetId: clusterId,
    details: { cluster: conn.clusterName, reason: why.reason },
  });
}
