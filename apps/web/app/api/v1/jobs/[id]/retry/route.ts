import { apiRoute } from "@/src/server/http/api-route";
import { requireJobAccess } from "@/src/server/access/require-job-access";

// POST /api/v1/jobs/:id/retry – run a failed, cancelled or interrupted job again from its first unfinished step
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireJobAccess(ctx, caller.access, params.id!, "operator");
  return ctx.jobs.retry(params.id!, user);
});
