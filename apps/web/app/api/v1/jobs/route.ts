import { apiRoute } from "@/src/server/http/api-route";
import { listJobs } from "@/src/server/jobs/list-jobs";
import { visibleJobsWhere } from "@/src/server/access/visible-jobs-where";

// GET /api/v1/jobs?targetType=device&targetId=…&limit=50 – newest jobs first (those of clusters and devices the caller's grants cover)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, req }) => {
  const q = req.nextUrl.searchParams;
  const visible = await visibleJobsWhere(ctx, caller.access);
  return listJobs(ctx.db, { targetType: q.get("targetType") ?? undefined, targetId: q.get("targetId") ?? undefined, limit: Number(q.get("limit") ?? 50) || 50, visible });
});
