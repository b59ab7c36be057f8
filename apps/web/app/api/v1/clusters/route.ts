import { apiRoute } from "@/src/server/http/api-route";
import { listClusters } from "@/src/server/fleet/list-clusters";

// GET /api/v1/clusters?selector=env%3Dprod&search=store – the fleet, filtered
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, req }) =>
  listClusters(ctx.db, {
    selector: req.nextUrl.searchParams.get("selector") ?? undefined,
    search: req.nextUrl.searchParams.get("search") ?? undefined,
  }),
);
