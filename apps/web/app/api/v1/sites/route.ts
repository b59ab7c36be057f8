import { ZCreateSiteRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createSite, listSites } from "@/src/server/sites/site-service";
import { visibleClustersWhere } from "@/src/server/access/visible-clusters-where";
import { visibleSitesWhere } from "@/src/server/access/visible-sites-where";

// GET /api/v1/sites – the sites the caller may see, with the clusters they may see counted
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller }) => {
  const clusters = await visibleClustersWhere(ctx, caller.access);
  return listSites(ctx.db, { sites: visibleSitesWhere(caller.access, clusters), clusters });
});

// POST /api/v1/sites – create a site
export const POST = apiRoute({ role: "operator", body: ZCreateSiteRequest }, async ({ ctx, user, body }) => {
  const site = await createSite(ctx.db, user, body);
  ctx.live.fleetChanged();
  return Response.json(site, { status: 201 });
});
