import { apiRoute } from "@/src/server/http/api-route";
import { listJobs } from "@/src/server/jobs/list-jobs";

// GET /api/v1/jobs?targetType=device&targetId=…&limit=50 – newest jobs first
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, req }) => {
  const q = req.nextUrl.searchParams;
  return listJobs(ctx.db, { targetType: q.get("targetType") ?? undefined, targetId: q.get("targetId") ?? undefined, limit: Number(q.get("limit") ?? 50) || 50 });
});
