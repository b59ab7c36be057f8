import { ZId, ZUpdateSiteRequest } from "@outpost/cluster-core";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { apiRoute } from "@/src/server/http/api-route";
import { deleteSite, updateSite } from "@/src/server/sites/site-service";

// PATCH /api/v1/sites/:id – change a site's name, labels, time zone or location
export const PATCH = apiRoute({ role: "operator", body: ZUpdateSiteRequest }, async ({ ctx, user, params, body }) => {
  const site = await updateSite(ctx.db, user, params.id!, body);
  ctx.live.fleetChanged();
  return site;
});

// DELETE /api/v1/sites/:id?moveClustersTo=<site id> – delete a site; one with clusters only when they move to another site
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params, req }) => {
  const moveClustersTo = req.nextUrl.searchParams.get("moveClustersTo");
  const moveTo = moveClustersTo === null ? undefined : parseOrThrow(ZId, moveClustersTo, "moveClustersTo");
  const { movedClusters } = await deleteSite(ctx.db, user, params.id!, moveTo === undefined ? {} : { moveClustersTo: moveTo });
  ctx.live.fleetChanged();
  return { ok: true, movedClusters };
});
