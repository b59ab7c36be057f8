import { ZHaltRolloutRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { haltRollout } from "@/src/server/rollouts/halt-rollout";
import { requireRolloutAccess } from "@/src/server/rollouts/require-rollout-access";

// POST /api/v1/rollouts/:id/halt – stop changing more clusters (the operator role on every cluster it targets)
export const POST = apiRoute({ role: "operator", body: ZHaltRolloutRequest }, async ({ ctx, user, caller, params, body }) => {
  await requireRolloutAccess(ctx, caller.access, params.id!, "operator");
  await haltRollout(ctx, user, params.id!, body.reason);
  return { ok: true };
});
