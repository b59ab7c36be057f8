import { ZFleetQuery, fleetQueryInput } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { listFleetPage } from "@/src/server/fleet/list-fleet-page";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { visibleClustersWhere } from "@/src/server/access/visible-clusters-where";

// GET /api/v1/fleet?status=offline&site=store-berlin&selector=tier%20in%20(a,b)&q=pos-api&sort=problems&page=2
// – one page of the fleet list the caller's grants cover, with its counters (filtered, sorted and paged on the server)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, req }) =>
  listFleetPage(ctx.db, parseOrThrow(ZFleetQuery, fleetQueryInput(req.nextUrl.searchParams), "query"), { visible: await visibleClustersWhere(ctx, caller.access) }),
);
