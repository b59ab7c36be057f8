import { ZCreateRolloutRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createRollout } from "@/src/server/rollouts/create-rollout";
import { getRolloutDetail } from "@/src/server/rollouts/get-rollout-detail";
import { listRollouts } from "@/src/server/rollouts/list-rollouts";

// GET /api/v1/rollouts – rollouts, newest first
export const GET = apiRoute({ role: "viewer" }, async ({ ctx }) => listRollouts(ctx.db));

// POST /api/v1/rollouts – plan and start a rollout
export const POST = apiRoute({ role: "operator", body: ZCreateRolloutRequest }, async ({ ctx, user, body }) => {
  const { id } = await createRollout(ctx, user, body);
  return Response.json(await getRolloutDetail(ctx, id), { status: 201 });
});
