import { apiRoute } from "@/src/server/http/api-route";
import { rollBackRollout } from "@/src/server/rollouts/roll-back-rollout";

// POST /api/v1/rollouts/:id/rollback – give every cluster that got this rollout its previous version back (a new rollout)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => (await rollBackRollout(ctx, user, params.id!)) ?? { ok: true });
