import { type CurrentUser, type MaintenanceWindow, parseStoredJson, ZMaintenanceWindows } from "@outpost/cluster-core";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";

/** Replaces a site's maintenance windows (in the site's time zone); [] lets rollouts in at any time. */
export async function setMaintenanceWindows(ctx: ServerContext, actor: CurrentUser, siteId: string, windows: MaintenanceWindow[]): Promise<MaintenanceWindow[]> {
  const site = await ctx.db.site.findUnique({ where: { id: siteId }, select: { name: true } });
  if (!site) throw new AppError("NOT_FOUND", `no site with id ${siteId}`);
  await ctx.rollouts.exclusive(() => ctx.db.site.update({ where: { id: siteId }, data: { maintenanceWindows: JSON.stringify(windows) } }));
  await recordAuditEvent(ctx.db, actor, { action: "site.maintenance-windows", targetType: "site", targetId: siteId, details: { name: site.name, windows } });
  ctx.rollouts.poke();
  return windows;
}

export async function getMaintenanceWindows(ctx: ServerContext, siteId: string): Promise<MaintenanceWindow[]> {
  const site = await ctx.db.site.findUnique({ where: { id: siteId }, select: { maintenanceWindows: true } });
  if (!site) throw new AppError("NOT_FOUND", `no site with id ${siteId}`);
  return parseStoredJson(ZMaintenanceWindows, site.maintenanceWindows, []);
}
