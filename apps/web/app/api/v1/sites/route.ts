import { ZCreateSiteRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createSite, listSites } from "@/src/server/sites/site-service";

// GET /api/v1/sites – all sites with their cluster counts
export const GET = apiRoute({ role: "viewer" }, async ({ ctx }) => listSites(ctx.db));

// POST /api/v1/sites – create a site
export const POST = apiRoute({ role: "operator", body: ZCreateSiteRequest }, async ({ ctx, user, body }) => {
  const site = await createSite(ctx.db, user, body);
  ctx.live.fleetChanged();
  return Response.json(site, { status: 201 });
});
