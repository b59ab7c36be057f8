import { ZHaltRolloutRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { haltRollout } from "@/src/server/rollouts/halt-rollout";

// POST /api/v1/rollouts/:id/halt – stop changing more clusters
export const POST = apiRoute({ role: "operator", body: ZHaltRolloutRequest }, async ({ ctx, user, params, body }) => {
  await haltRollout(ctx, user, params.id!, body.reason);
  return { ok: true };
});
