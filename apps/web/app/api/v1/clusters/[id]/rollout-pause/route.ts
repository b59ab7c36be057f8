import { ZPauseClusterRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { getClusterRolloutPause, pauseClusterRollouts } from "@/src/server/rollouts/pause-cluster-rollouts";

// GET /api/v1/clusters/:id/rollout-pause – whether rollouts skip this cluster, who paused it and why (null: not paused)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireClusterAccess(ctx, caller.access, params.id!);
  return { pause: await getClusterRolloutPause(ctx, params.id!) };
});

// PUT /api/v1/clusters/:id/rollout-pause – pause rollouts on this cluster (critical operations on site; operator on the cluster)
export const PUT = apiRoute({ role: "viewer", body: ZPauseClusterRequest }, async ({ ctx, user, caller, params, body }) => {
  await requireClusterAccess(ctx, caller.access, params.id!, "operator");
  return { pause: await pauseClusterRollouts(ctx, user, params.id!, body.reason) };
});

// DELETE /api/v1/clusters/:id/rollout-pause – let rollouts reach this cluster again (operator on the cluster)
export const DELETE = apiRoute({ role: "viewer" }, async ({ ctx, user, caller, params }) => {
  await requireClusterAccess(ctx, caller.access, params.id!, "operator");
  return { pause: await pauseClusterRollouts(ctx, user, params.id!, null) };
});
