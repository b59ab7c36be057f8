import { ZCreateRolloutRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";
import { createRollout } from "@/src/server/rollouts/create-rollout";
import { getRolloutDetail } from "@/src/server/rollouts/get-rollout-detail";
import { listRollouts } from "@/src/server/rollouts/list-rollouts";

// GET /api/v1/rollouts – rollouts that reach the caller's clusters, newest first (counted on those clusters)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller }) => listRollouts(ctx.db, { visibleIds: await visibleClusterIds(ctx, caller.access) }));

// POST /api/v1/rollouts – plan and start a rollout (the operator role on every cluster the selector matches)
export const POST = apiRoute({ role: "operator", body: ZCreateRolloutRequest }, async ({ ctx, user, caller, body }) => {
  const { id } = await createRollout(ctx, user, body, caller.access);
  return Response.json(await getRolloutDetail(ctx, id, await visibleClusterIds(ctx, caller.access)), { status: 201 });
});
