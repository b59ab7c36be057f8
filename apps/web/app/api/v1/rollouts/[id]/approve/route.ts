import { apiRoute } from "@/src/server/http/api-route";
import { approveNextWave } from "@/src/server/rollouts/approve-next-wave";

// POST /api/v1/rollouts/:id/approve – start the wave waiting for approval
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => (await approveNextWave(ctx, user, params.id!)) ?? { ok: true });
