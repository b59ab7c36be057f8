import { ZSetMaintenanceWindowsRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireSiteVisible } from "@/src/server/access/require-site-visible";
import { getMaintenanceWindows, setMaintenanceWindows } from "@/src/server/rollouts/set-maintenance-windows";

// GET /api/v1/sites/:id/maintenance-windows – when rollouts may change the site's clusters (site time zone)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireSiteVisible(ctx, caller.access, params.id!);
  return { windows: await getMaintenanceWindows(ctx, params.id!) };
});

// PUT /api/v1/sites/:id/maintenance-windows – replace them ([] = any time)
export const PUT = apiRoute({ role: "operator", body: ZSetMaintenanceWindowsRequest }, async ({ ctx, user, caller, params, body }) => {
  await requireSiteVisible(ctx, caller.access, params.id!);
  return { windows: await setMaintenanceWindows(ctx, user, params.id!, body.windows) };
});
