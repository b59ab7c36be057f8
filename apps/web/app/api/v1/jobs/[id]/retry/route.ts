import { apiRoute } from "@/src/server/http/api-route";

// POST /api/v1/jobs/:id/retry – run a failed, cancelled or interrupted job again from its first unfinished step
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => ctx.jobs.retry(params.id!, user));
