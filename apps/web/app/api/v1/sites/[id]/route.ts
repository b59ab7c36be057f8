import { ZId, ZUpdateSiteRequest } from "@outpost/cluster-core";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { apiRoute } from "@/src/server/http/api-route";
import { requireSiteVisible } from "@/src/server/access/require-site-visible";
import { operatesEveryCluster } from "@/src/server/access/operates-every-cluster";
import { accessChanged } from "@/src/server/access/access-changed";
import { AppError } from "@/src/server/errors/app-error";
import { deleteSite, updateSite } from "@/src/server/sites/site-service";

// PATCH /api/v1/sites/:id – change a site's name, labels, time zone or location
export const PATCH = apiRoute({ role: "operator", body: ZUpdateSiteRequest }, async ({ ctx, user, caller, params, body }) => {
  await requireSiteVisible(ctx, caller.access, params.id!);
  const site = await updateSite(ctx.db, user, params.id!, body);
  ctx.live.fleetChanged();
  return site;
});

// DELETE /api/v1/sites/:id?moveClustersTo=<site id> – delete a site; one with clusters only when they move to another site
// (moving clusters between sites changes who reaches them: that needs the operator role on every cluster)
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params, req }) => {
  await requireSiteVisible(ctx, caller.access, params.id!);
  const moveClustersTo = req.nextUrl.searchParams.get("moveClustersTo");
  const moveTo = moveClustersTo === null ? undefined : parseOrThrow(ZId, moveClustersTo, "moveClustersTo");
  if (moveTo !== undefined && !operatesEveryCluster(caller.access)) {
    throw new AppError("FORBIDDEN", "moving clusters to another site needs the operator role on every cluster");
  }
  const { movedClusters } = await deleteSite(ctx.db, user, params.id!, moveTo === undefined ? {} : { moveClustersTo: moveTo });
  if (movedClusters > 0) await accessChanged(ctx);
  ctx.live.fleetChanged();
  return { ok: true, movedClusters };
});
