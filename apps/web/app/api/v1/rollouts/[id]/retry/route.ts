import { apiRoute } from "@/src/server/http/api-route";
import { retryFailedTargets } from "@/src/server/rollouts/retry-failed-targets";
import { requireRolloutAccess } from "@/src/server/rollouts/require-rollout-access";

// POST /api/v1/rollouts/:id/retry – dispatch the failed and skipped clusters again (the operator role on every cluster it targets)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireRolloutAccess(ctx, caller.access, params.id!, "operator");
  return (await retryFailedTargets(ctx, user, params.id!)) ?? { ok: true };
});
