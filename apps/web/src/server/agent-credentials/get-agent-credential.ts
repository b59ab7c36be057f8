import type { AgentCredentialView } from "@outpost/cluster-core";
import type { ServerContext } from "../context";

/** A cluster's agent credential as the UI shows it: age, last use, next rotation, or when and why it was revoked. */
export async function getAgentCredential(ctx: Pick<ServerContext, "db" | "config">, clusterId: string): Promise<AgentCredentialView> {
  const rows = await ctx.db.agentCredential.findMany({ where: { clusterId }, orderBy: { createdAt: "desc" } });
  const live = rows.filter((r) => !r.revokedAt);
  // With two live credentials the newer is a rotation the agent has not confirmed yet.
  const current = live.at(-1);
  const lastRevoked = rows.find((r) => r.revokedAt);
  return {
    current: current
      ? {
          createdAt: current.createdAt.toISOString(),
          lastUsedAt: current.lastUsedAt?.toISOString() ?? null,
          rotateAfter: new Date(current.createdAt.getTime() + ctx.config.agentCredentialRotateDays * 86_400_000).toISOString(),
        }
      : null,
    revoked: !current && lastRevoked?.revokedAt ? { at: lastRevoked.revokedAt.toISOString(), reason: lastRevoked.revokedReason ?? "" } : null,
    rotationPending: live.length > 1,
  };
}
