import type { Access } from "../access/access";
import { requireOperatorOnClusters } from "../access/require-operator-on-clusters";
import { visibleClusterIds } from "../access/visible-cluster-ids";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";

/**
 * A rollout is seen through its clusters: one that reaches none of the caller's clusters answers
 * like a missing one (NOT_FOUND). Acting on it (halt, resume, retry, approve, roll back, delete)
 * changes every cluster it targets, so that needs the operator role on each of them.
 */
export async function requireRolloutAccess(ctx: Pick<ServerContext, "db">, access: Access, rolloutId: string, minRole: "viewer" | "operator" = "viewer"): Promise<void> {
  const visible = await visibleClusterIds(ctx, access);
  if (visible !== null && (await ctx.db.rolloutTarget.count({ where: { rolloutId, clusterId: { in: visible } } })) === 0) {
    throw new AppError("NOT_FOUND", `no rollout with id ${rolloutId}`);
  }
  if (minRole === "viewer") return;
  const targets = await ctx.db.rolloutTarget.findMany({ where: { rolloutId }, select: { clusterId: true } });
  await requireOperatorOnClusters(ctx, access, targets.map((t) => t.clusterId));
}
