import { apiRoute } from "@/src/server/http/api-route";
import { listClusters } from "@/src/server/fleet/list-clusters";
import { visibleClustersWhere } from "@/src/server/access/visible-clusters-where";

// GET /api/v1/clusters?selector=env%3Dprod&search=store – the clusters the caller's grants cover, filtered
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, req }) =>
  listClusters(ctx.db, {
    visible: await visibleClustersWhere(ctx, caller.access),
    selector: req.nextUrl.searchParams.get("selector") ?? undefined,
    search: req.nextUrl.searchParams.get("search") ?? undefined,
  }),
);
