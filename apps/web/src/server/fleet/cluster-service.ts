import { roleAtLeast, roleOnCluster, type ClusterSummary, type CurrentUser, type Labels } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Access } from "../access/access";
import { requireClusterAccess } from "../access/require-cluster-access";
import { clusterSummarySelect, toClusterSummary } from "./to-cluster-summary";
import { writeClusterLabels } from "./write-cluster-labels";
import { refreshDesiredBundles } from "../bundles/refresh-desired-bundles";

/**
 * Replaces a cluster's labels. Labels can decide who reaches a cluster (selector grants), so
 * the caller must be an operator there both before and after: nobody moves a cluster out of
 * their own reach by mistake, or into a scope they do not operate.
 */
export async function updateClusterLabels(ctx: ServerContext, access: Access, id: string, labels: Labels): Promise<ClusterSummary> {
  const { cluster } = await requireClusterAccess(ctx, access, id, "operator");
  if (!roleAtLeast(roleOnCluster(access.rules, { siteId: cluster.siteId, labels }), "operator")) {
    throw new AppError("FORBIDDEN", `with these labels cluster ${cluster.name} would be outside the clusters you operate`);
  }
  const row = await ctx.db.$transaction(async (tx) => {
    await writeClusterLabels(tx, id, labels);
    return tx.cluster.findUniqueOrThrow({ where: { id }, select: clusterSummarySelect });
  });
  const actor: CurrentUser = { id: access.userId, username: access.username, role: access.globalRole };
  await recordAuditEvent(ctx.db, actor, { action: "cluster.update-labels", targetType: "cluster", targetId: id, details: { labels, before: cluster.labels } });
  const summary = toClusterSummary(row);
  ctx.live.clusterUpdated(summary);
  // Selector grants may now cover it for other people, or no longer: their lists refetch.
  ctx.live.fleetChanged();
  // Bundles assigned by label selector follow the labels.
  await refreshDesiredBundles(ctx, [id]);
  return summary;
}

/** Forgets a cluster: its agent is disconnected and its credential deleted, so it cannot report again. */
export async function deleteCluster(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const cluster = await ctx.db.cluster.findUnique({ where: { id } });
  if (!cluster) throw new AppError("NOT_FOUND", `no cluster with id ${id}`);
  await ctx.db.cluster.delete({ where: { id } });
  ctx.presence.kick(id);
  await recordAuditEvent(ctx.db, actor, { action: "cluster.delete", targetType: "cluster", targetId: id, details: { name: cluster.name } });
  ctx.live.fleetChanged();
}
