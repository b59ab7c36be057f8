import { apiRoute } from "@/src/server/http/api-route";
import { refreshChartRepository } from "@/src/server/charts/chart-repository-service";

// POST /api/v1/chart-repositories/:id/refresh – read the repository's index.yaml again
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => refreshChartRepository(ctx, user, params.id!));
