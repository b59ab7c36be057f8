import { ZLabels, parseStoredJson, roleAtLeast, roleOnCluster, type ClusterSummary, type CurrentUser, type Labels } from "@outpost/cluster-core";
import { changedLabels } from "../audit/changed-fields";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Access } from "../access/access";
import { requireClusterAccess } from "../access/require-cluster-access";
import { requireSiteVisible } from "../access/require-site-visible";
import { accessChanged } from "../access/access-changed";
import { clusterSummarySelect, toClusterSummary } from "./to-cluster-summary";
import { writeClusterLabels } from "./write-cluster-labels";
import { refreshDesiredBundles } from "../bundles/refresh-desired-bundles";

/**
 * Relabels a cluster and/or moves it to another site, in one transaction. Labels and site decide
 * who reaches a cluster (grants), so the caller must be an operator there both before and after:
 * nobody moves a cluster out of their own reach by mistake, or into a scope they do not operate;
 * a site the caller cannot see answers like one that does not exist. The audit event lists only
 * what changed (label by label, the site by name); a request that changes nothing records nothing.
 */
export async function updateCluster(ctx: ServerContext, access: Access, id: string, input: { labels?: Labels | undefined; siteId?: string | undefined }): Promise<ClusterSummary> {
  const { cluster } = await requireClusterAccess(ctx, access, id, "operator");
  const before = await ctx.db.cluster.findUniqueOrThrow({ where: { id }, select: { name: true, labels: true, siteId: true, site: { select: { name: true } } } });
  const moving = input.siteId !== undefined && input.siteId !== before.siteId;
  const noSuchSite = new AppError("INVALID_INPUT", "the site to move to does not exist", [{ path: "siteId", message: "no such site" }]);
  if (moving) await requireSiteVisible(ctx, access, input.siteId!).catch((err: unknown) => {
      throw err instanceof AppError && err.code === "NOT_FOUND" ? noSuchSite : err;
    });
  const target = moving ? await ctx.db.site.findUnique({ where: { id: input.siteId! }, select: { id: true, name: true } }) : null;
  if (moving && !target) throw noSuchSite;
  if (!roleAtLeast(roleOnCluster(access.rules, { siteId: target?.id ?? cluster.siteId, labels: input.labels ?? cluster.labels }), "operator")) {
    throw new AppError("FORBIDDEN", `${target ? `at site ${target.name}` : "with these labels"} cluster ${cluster.name} would be outside the clusters you operate`);
  }
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
    const actor: CurrentUser = { id: access.userId, username: access.username, role: access.globalRole };
    const action = target ? (input.labels && Object.keys(changes).length > 1 ? "cluster.update" : "cluster.move") : "cluster.update-labels";
    await recordAuditEvent(ctx.db, actor, { action, targetType: "cluster", targetId: id, details: { name: before.name, changes } });
    // Grants by site or selector may now cover it for other people, or no longer: their lists
    // refetch, and their open streams to it are checked again.
    ctx.live.fleetChanged();
    await accessChanged(ctx);
  }
  const summary = toClusterSummary(row);
  ctx.live.clusterUpdated(summary);
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
