import type { ClusterSummary, CurrentUser, Labels } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { clusterSummarySelect, toClusterSummary } from "./to-cluster-summary";
import { writeClusterLabels } from "./write-cluster-labels";
import { refreshDesiredBundles } from "../bundles/refresh-desired-bundles";

export async function updateClusterLabels(ctx: ServerContext, actor: CurrentUser, id: string, labels: Labels): Promise<ClusterSummary> {
  if (!(await ctx.db.cluster.findUnique({ where: { id }, select: { id: true } }))) throw new AppError("NOT_FOUND", `no cluster with id ${id}`);
  const row = await ctx.db.$transaction(async (tx) => {
    await writeClusterLabels(tx, id, labels);
    return tx.cluster.findUniqueOrThrow({ where: { id }, select: clusterSummarySelect });
  });
  await recordAuditEvent(ctx.db, actor, { action: "cluster.update-labels", targetType: "cluster", targetId: id, details: { labels } });
  const summary = toClusterSummary(row);
  ctx.live.clusterUpdated(summary);
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
