import { ZUploadChartRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { listCharts, uploadChart } from "@/src/server/charts/chart-service";

// GET /api/v1/charts – chart versions available for rollouts (uploaded or imported from repositories)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx }) => listCharts(ctx));

// POST /api/v1/charts – upload a chart archive (.tgz, base64 in JSON); 201 when new, 200 when the same archive was there
export const POST = apiRoute({ role: "operator", body: ZUploadChartRequest }, async ({ ctx, user, body }) => {
  const { chart, created } = await uploadChart(ctx, user, body.archiveBase64);
  return Response.json(chart, { status: created ? 201 : 200 });
});
