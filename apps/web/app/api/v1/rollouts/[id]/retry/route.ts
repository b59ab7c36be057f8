import { apiRoute } from "@/src/server/http/api-route";
import { retryFailedTargets } from "@/src/server/rollouts/retry-failed-targets";

// POST /api/v1/rollouts/:id/retry – dispatch the failed and skipped clusters again
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => (await retryFailedTargets(ctx, user, params.id!)) ?? { ok: true });
