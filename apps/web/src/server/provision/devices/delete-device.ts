import type { CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../../context";
import { AppError } from "../../errors/app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";

/**
 * Forgets a device and its sealed secrets. Nothing on the machine changes (k3s and the agent keep
 * running there); its jobs stay in the history.
 */
export async function deleteDevice(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const device = await ctx.db.device.findUnique({ where: { id } });
  if (!device) throw new AppError("NOT_FOUND", `no device with id ${id}`);
  const active = await ctx.db.job.findFirst({ where: { targetType: "device", targetId: id, status: { in: ["queued", "running"] } } });
  if (active) throw new AppError("CONFLICT", `device ${device.name} has a ${active.status} job; cancel it first`);
  await ctx.db.device.delete({ where: { id } });
  await recordAuditEvent(ctx.db, actor, { action: "device.delete", targetType: "device", targetId: id, details: { name: device.name, host: device.host } });
}
