import { ZUpdateSiteRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireSiteVisible } from "@/src/server/access/require-site-visible";
import { deleteSite, updateSite } from "@/src/server/sites/site-service";

// PATCH /api/v1/sites/:id – change a site's name, labels, time zone or location
export const PATCH = apiRoute({ role: "operator", body: ZUpdateSiteRequest }, async ({ ctx, user, caller, params, body }) => {
  await requireSiteVisible(ctx, caller.access, params.id!);
  const site = await updateSite(ctx.db, user, params.id!, body);
  ctx.live.fleetChanged();
  return site;
});

// DELETE /api/v1/sites/:id – delete an empty site
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireSiteVisible(ctx, caller.access, params.id!);
  await deleteSite(ctx.db, user, params.id!);
  ctx.live.fleetChanged();
  return { ok: true };
});
