import type { CurrentUser, DeviceView } from "@outpost/cluster-core";
import type { ServerContext } from "../../context";
import { AppError } from "../../errors/app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { getDevice } from "./get-device";

/**
 * Unpins a device's host key after the operator checked that it really changed (a reinstalled
 * box): the next connection pins whatever key the device presents then.
 */
export async function forgetHostKey(ctx: ServerContext, actor: CurrentUser, id: string): Promise<DeviceView> {
  const device = await ctx.db.device.findUnique({ where: { id } });
  if (!device) throw new AppError("NOT_FOUND", `no device with id ${id}`);
  await ctx.db.device.update({ where: { id }, data: { hostKeyFingerprint: null, hostKeyType: null, hostKeyPinnedAt: null } });
  await recordAuditEvent(ctx.db, actor, { action: "device.forget-host-key", targetType: "device", targetId: id, details: { name: device.name, fingerprint: device.hostKeyFingerprint } });
  return getDevice(ctx.db, id);
}
