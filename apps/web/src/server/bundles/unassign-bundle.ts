import type { BundleDetail, CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { getBundleDetail } from "./get-bundle-detail";
import { refreshDesiredBundles } from "./refresh-desired-bundles";

/**
 * Removes an assignment. Devices drop the bundle from their store at their next reconcile;
 * files it already placed (a k3s binary, image tarballs) stay where k3s uses them.
 */
export async function unassignBundle(ctx: ServerContext, actor: CurrentUser, bundleId: string, assignmentId: string): Promise<BundleDetail> {
  const assignment = await ctx.db.bundleAssignment.findFirst({ where: { id: assignmentId, bundleId } });
  if (!assignment) throw new AppError("NOT_FOUND", `bundle ${bundleId} has no assignment ${assignmentId}`);
  await ctx.db.bundleAssignment.delete({ where: { id: assignmentId } });
  await recordAuditEvent(ctx.db, actor, {
    action: "bundle.unassign",
    targetType: "bundle",
    targetId: bundleId,
    details: { assignmentId, clusterId: assignment.clusterId, selector: assignment.selector },
  });
  await refreshDesiredBundles(ctx, assignment.clusterId ? [assignment.clusterId] : undefined);
  ctx.live.bundlesChanged();
  return getBundleDetail(ctx.db, bundleId);
}
