import { apiRoute } from "@/src/server/http/api-route";
import { deleteChart, getChart } from "@/src/server/charts/chart-service";
import { listRollouts } from "@/src/server/rollouts/list-rollouts";

// GET /api/v1/charts/:id – a chart version, its default values and its rollouts (the chart's history)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => ({ ...(await getChart(ctx, params.id!)), rollouts: await listRollouts(ctx.db, { chartId: params.id! }) }));

// DELETE /api/v1/charts/:id – delete a chart version and its rollouts (their HelmCharts leave the clusters)
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => {
  await deleteChart(ctx, user, params.id!);
  return { ok: true };
});
