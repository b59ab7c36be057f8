import { apiRoute } from "@/src/server/http/api-route";
import { unassignBundle } from "@/src/server/bundles/unassign-bundle";
import { getBundleDetail } from "@/src/server/bundles/get-bundle-detail";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";
import { operatesEveryCluster } from "@/src/server/access/operates-every-cluster";
import { AppError } from "@/src/server/errors/app-error";

// DELETE /api/v1/bundles/:id/assignments/:assignmentId – stop wanting the bundle there
// (the operator role on that cluster, or on every cluster for a selector assignment)
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  const assignment = await ctx.db.bundleAssignment.findFirst({ where: { id: params.assignmentId!, bundleId: params.id! }, select: { clusterId: true } });
  if (assignment?.clusterId) await requireClusterAccess(ctx, caller.access, assignment.clusterId, "operator");
  else if (assignment && !operatesEveryCluster(caller.access)) {
    throw new AppError("FORBIDDEN", "a label selector assignment needs the operator role on every cluster");
  }
  await unassignBundle(ctx, user, params.id!, params.assignmentId!);
  return getBundleDetail(ctx.db, params.id!, await visibleClusterIds(ctx, caller.access));
});
