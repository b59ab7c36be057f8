import { apiRoute } from "@/src/server/http/api-route";
import { rollBackRollout } from "@/src/server/rollouts/roll-back-rollout";
import { requireRolloutAccess } from "@/src/server/rollouts/require-rollout-access";

// POST /api/v1/rollouts/:id/rollback – give every cluster that got this rollout its previous version back (a new rollout;
// the operator role on every cluster the rollout targets)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireRolloutAccess(ctx, caller.access, params.id!, "operator");
  return (await rollBackRollout(ctx, user, params.id!)) ?? { ok: true };
});
