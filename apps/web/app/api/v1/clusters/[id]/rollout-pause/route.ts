import { ZPauseClusterRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { getClusterRolloutPause, pauseClusterRollouts } from "@/src/server/rollouts/pause-cluster-rollouts";

// GET /api/v1/clusters/:id/rollout-pause – whether rollouts skip this cluster, who paused it and why (null: not paused)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => ({ pause: await getClusterRolloutPause(ctx, params.id!) }));

// PUT /api/v1/clusters/:id/rollout-pause – pause rollouts on this cluster (critical operations on site)
export const PUT = apiRoute({ role: "operator", body: ZPauseClusterRequest }, async ({ ctx, user, params, body }) => ({ pause: await pauseClusterRollouts(ctx, user, params.id!, body.reason) }));

// DELETE /api/v1/clusters/:id/rollout-pause – let rollouts reach this cluster again
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => ({ pause: await pauseClusterRollouts(ctx, user, params.id!, null) }));
