import { ZLabels, parseStoredJson, type ClusterSummary, type CurrentUser, type Labels } from "@outpost/cluster-core";
import { changedLabels } from "../audit/changed-fields";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { clusterSummarySelect, toClusterSummary } from "./to-cluster-summary";
import { writeClusterLabels } from "./write-cluster-labels";
import { refreshDesiredBundles } from "../bundles/refresh-desired-bundles";

/**
 * Relabels a cluster and/or moves it to another site, in one transaction. The audit event lists
 * only what changed (label by label, the site by name); a request that changes nothing records nothing.
 */
export async function updateCluster(ctx: ServerContext, actor: CurrentUser, id: string, input: { labels?: Labels | undefined; siteId?: string | undefined }): Promise<ClusterSummary> {
  const before = await ctx.db.cluster.findUnique({ where: { id }, select: { name: true, labels: true, siteId: true, site: { select: { name: true } } } });
  if (!before) throw new AppError("NOT_FOUND", `no cluster with id ${id}`);
  const target = input.siteId && input.siteId !== before.siteId ? await ctx.db.site.findUnique({ where: { id: input.siteId }, select: { id: true, name: true } }) : null;
  if (input.siteId && input.siteId !== before.siteId && !target) throw new AppError("INVALID_INPUT", "the site to move to does not exist", [{ path: "siteId", message: "no such site" }]);
  const row = await ctx.db.$transaction(async (tx) => {
    if (input.labels) await writeClusterLabels(tx, id, input.labels);
    if (target) await tx.cluster.update({ where: { id }, data: { siteId: target.id } });
    return tx.cluster.findUniqueOrThrow({ where: { id }, select: clusterSummarySelect });
  });
  const changes = {
    ...(input.labels ? changedLabels(parseStoredJson(ZLabels, before.labels, {}), input.labels) : {}),
    ...(target ? { site: { from: before.site.name, to: target.name } } : {}),
  };
  if (Object.keys(changes).length > 0) {
    const action = target ? (input.labels && Object.keys(changes).length > 1 ? "cluster.update" : "cluster.move") : "cluster.update-labels";
    await recordAuditEvent(ctx.db, actor, { action, targetType: "cluster", targetId: id, details: { name: before.name, changes } });
  }
  const summary = toClusterSummary(row);
  ctx.live.clusterUpdated(summary);
  if (target) ctx.live.fleetChanged();
  // Bundles assigned by label selector follow the labels.
  if (input.labels) await refreshDesiredBundles(ctx, [id]);
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
