import { apiRoute } from "@/src/server/http/api-route";
import { getJobDetail } from "@/src/server/jobs/get-job-detail";
import { requireJobAccess } from "@/src/server/access/require-job-access";

// GET /api/v1/jobs/:id?beforeSeq=N – a job, its steps and its newest log lines (or those before N)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params, req }) => {
  await requireJobAccess(ctx, caller.access, params.id!);
  const before = Number(req.nextUrl.searchParams.get("beforeSeq") ?? "");
  return getJobDetail(ctx.db, params.id!, { beforeSeq: Number.isInteger(before) && before > 0 ? before : undefined });
});
