import { apiRoute } from "@/src/server/http/api-route";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";
import { deleteRollout } from "@/src/server/rollouts/delete-rollout";
import { getRolloutDetail } from "@/src/server/rollouts/get-rollout-detail";
import { requireRolloutAccess } from "@/src/server/rollouts/require-rollout-access";

// GET /api/v1/rollouts/:id – progress per wave and per cluster (those the caller may see), timeline, allowed actions
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireRolloutAccess(ctx, caller.access, params.id!);
  return getRolloutDetail(ctx, params.id!, await visibleClusterIds(ctx, caller.access));
});

// DELETE /api/v1/rollouts/:id – delete a rollout; its HelmChart leaves the clusters where it is the latest of its release
// (the operator role on every cluster it targets)
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireRolloutAccess(ctx, caller.access, params.id!, "operator");
  await deleteRollout(ctx, user, params.id!);
  return { ok: true };
});
