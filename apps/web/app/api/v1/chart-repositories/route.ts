import { ZAddChartRepositoryRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { addChartRepository, listChartRepositories } from "@/src/server/charts/chart-repository-service";

// GET /api/v1/chart-repositories – Helm repositories and the chart versions their index lists
export const GET = apiRoute({ role: "viewer" }, async ({ ctx }) => listChartRepositories(ctx));

// POST /api/v1/chart-repositories – add a Helm repository (its index.yaml is read first)
export const POST = apiRoute({ role: "operator", body: ZAddChartRepositoryRequest }, async ({ ctx, user, body }) =>
  Response.json(await addChartRepository(ctx, user, body), { status: 201 }),
);
