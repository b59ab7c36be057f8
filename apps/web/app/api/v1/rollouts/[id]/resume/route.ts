import { apiRoute } from "@/src/server/http/api-route";
import { resumeRollout } from "@/src/server/rollouts/resume-rollout";

// POST /api/v1/rollouts/:id/resume – continue a halted rollout
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => (await resumeRollout(ctx, user, params.id!)) ?? { ok: true });
