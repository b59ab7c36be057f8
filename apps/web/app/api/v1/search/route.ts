import { ZWorkloadSearchQuery } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { searchWorkloads } from "@/src/server/search/search-workloads";
import { visibleClustersWhere } from "@/src/server/access/visible-clusters-where";

// GET /api/v1/search?q=pos-api&field=any|name|image&page=1 – workloads and images across the newest snapshot of every cluster the caller's grants cover
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, req }) =>
  searchWorkloads(ctx.db, parseOrThrow(ZWorkloadSearchQuery, Object.fromEntries(req.nextUrl.searchParams), "query"), await visibleClustersWhere(ctx, caller.access)),
);
