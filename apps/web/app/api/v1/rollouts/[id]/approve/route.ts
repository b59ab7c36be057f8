import { apiRoute } from "@/src/server/http/api-route";
import { approveNextWave } from "@/src/server/rollouts/approve-next-wave";
import { requireRolloutAccess } from "@/src/server/rollouts/require-rollout-access";

// POST /api/v1/rollouts/:id/approve – start the wave waiting for approval (the operator role on every cluster it targets)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireRolloutAccess(ctx, caller.access, params.id!, "operator");
  return (await approveNextWave(ctx, user, params.id!)) ?? { ok: true };
});
