import { LabelSelectorError, parseLabelSelector, type AssignBundleRequest, type BundleDetail, type CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getBundleDetail } from "./get-bundle-detail";
import { refreshDesiredBundles } from "./refresh-desired-bundles";

/**
 * Wants a bundle on one cluster, or on every cluster a label selector matches (now and later:
 * a cluster that gains matching labels gets it too). It becomes part of each cluster's desired
 * state, so an offline device gets it when it returns.
 */
export async function assignBundle(ctx: ServerContext, actor: CurrentUser, bundleId: string, req: AssignBundleRequest): Promise<BundleDetail> {
  const bundle = await ctx.db.bundle.findUnique({ where: { id: bundleId }, select: { id: true, name: true, version: true } });
  if (!bundle) throw new AppError("NOT_FOUND", `no bundle with id ${bundleId}`);
  let target: { clusterId: string } | { selector: string };
  if ("clusterId" in req) {
    const cluster = await ctx.db.cluster.findUnique({ where: { id: req.clusterId }, select: { id: true } });
    if (!cluster) throw new AppError("NOT_FOUND", `no cluster with id ${req.clusterId}`);
    if (await ctx.db.bundleAssignment.findFirst({ where: { bundleId, clusterId: req.clusterId } })) throw new AppError("CONFLICT", "the bundle is already assigned to this cluster");
    target = { clusterId: req.clusterId };
  } else {
    const selector = req.selector.trim();
    try {
      parseLabelSelector(selector);
    } catch (err) {
      if (err instanceof LabelSelectorError) throw new AppError("INVALID_INPUT", `invalid selector: ${err.message}`, [{ path: "selector", message: err.message }]);
      throw err;
    }
    if (await ctx.db.bundleAssignment.findFirst({ where: { bundleId, selector } })) throw new AppError("CONFLICT", `the bundle is already assigned to '${selector}'`);
    target = { selector };
  }
  const assignment = await ctx.db.bundleAssignment.create({ data: { bundleId, ...target, origin: "operator", createdById: actor.id } });
  await recordAuditEvent(ctx.db, actor, {
    action: "bundle.assign",
    targetType: "bundle",
    targetId: bundleId,
    details: { bundle: `${bundle.name} ${bundle.version}`, assignmentId: assignment.id, ...target },
  });
  await refreshDesiredBundles(ctx, "clusterId" in target ? [target.clusterId] : undefined);
  ctx.live.bundlesChanged();
  return getBundleDetail(ctx.db, bundleId);
}
