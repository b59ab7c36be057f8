import { ZFleetQuery, fleetQueryInput } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { listClusters } from "@/src/server/fleet/list-clusters";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { visibleClustersWhere } from "@/src/server/access/visible-clusters-where";

const ZClusterFilter = ZFleetQuery.pick({ q: true, status: true, site: true, k3s: true, selector: true, problem: true });

// GET /api/v1/clusters?selector=env%3Dprod&status=offline&q=store – every matching cluster the caller's grants cover, unpaged
// (`search` is the older name of `q`); the fleet page uses /api/v1/fleet, which pages and counts.
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, req }) => {
  const params = req.nextUrl.searchParams;
  const input = fleetQueryInput(params);
  const legacySearch = params.get("search");
  if (legacySearch !== null && input.q === undefined) input.q = legacySearch;
  return listClusters(ctx.db, parseOrThrow(ZClusterFilter, input, "query"), await visibleClustersWhere(ctx, caller.access));
});
