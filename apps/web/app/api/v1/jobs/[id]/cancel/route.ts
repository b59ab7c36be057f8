import { apiRoute } from "@/src/server/http/api-route";
import { requireJobAccess } from "@/src/server/access/require-job-access";

// POST /api/v1/jobs/:id/cancel – stop a queued or running job (its running step is abandoned)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireJobAccess(ctx, caller.access, params.id!, "operator");
  return ctx.jobs.cancel(params.id!, user);
});
