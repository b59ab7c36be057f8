import { apiRoute } from "@/src/server/http/api-route";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";
import { deleteChart, getChart } from "@/src/server/charts/chart-service";
import { listRollouts } from "@/src/server/rollouts/list-rollouts";

// GET /api/v1/charts/:id – a chart version, its default values and its rollouts that reach the caller's clusters (the chart's history)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => ({
  ...(await getChart(ctx, params.id!)),
  rollouts: await listRollouts(ctx.db, { chartId: params.id!, visibleIds: await visibleClusterIds(ctx, caller.access) }),
}));

// DELETE /api/v1/charts/:id – delete a chart version and its rollouts (their HelmCharts leave the clusters)
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => {
  await deleteChart(ctx, user, params.id!);
  return { ok: true };
});
