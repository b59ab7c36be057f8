import { apiRoute } from "@/src/server/http/api-route";
import { resumeRollout } from "@/src/server/rollouts/resume-rollout";
import { requireRolloutAccess } from "@/src/server/rollouts/require-rollout-access";

// POST /api/v1/rollouts/:id/resume – continue a halted rollout (the operator role on every cluster it targets)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireRolloutAccess(ctx, caller.access, params.id!, "operator");
  return (await resumeRollout(ctx, user, params.id!)) ?? { ok: true };
});
