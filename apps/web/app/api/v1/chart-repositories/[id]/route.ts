import { apiRoute } from "@/src/server/http/api-route";
import { deleteChartRepository } from "@/src/server/charts/chart-repository-service";

// DELETE /api/v1/chart-repositories/:id – remove a repository (refused while its charts have rollouts)
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => {
  await deleteChartRepository(ctx, user, params.id!);
  return { ok: true };
});
