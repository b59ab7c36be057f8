import { apiRoute } from "@/src/server/http/api-route";

// POST /api/v1/jobs/:id/cancel – stop a queued or running job (its running step is abandoned)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => ctx.jobs.cancel(params.id!, user));
