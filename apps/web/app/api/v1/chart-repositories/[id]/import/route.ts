import { ZImportChartRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { importRepositoryChart } from "@/src/server/charts/chart-repository-service";

// POST /api/v1/chart-repositories/:id/import – make one listed chart version available for rollouts
export const POST = apiRoute({ role: "operator", body: ZImportChartRequest }, async ({ ctx, user, params, body }) => {
  const { chart, created } = await importRepositoryChart(ctx, user, params.id!, body);
  return Response.json(chart, { status: created ? 201 : 200 });
});
