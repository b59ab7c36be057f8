import { ZUpdateDeviceRequest, type CurrentUser, type DeviceView } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ServerContext } from "../../context";
import { AppError } from "../../errors/app-error";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { sealDeviceAuth } from "./device-secrets";
import { getDevice } from "./get-device";

/**
 * Changes how the centre reaches a device (host, port, user, key or password) or its labels, e.g.
 * after a step failed on a wrong key; retrying the job then uses the new values. A new address
 * keeps the pinned host key: the same machine must answer there.
 */
export async function updateDevice(ctx: ServerContext, actor: CurrentUser, id: string, input: z.input<typeof ZUpdateDeviceRequest>): Promise<DeviceView> {
  const req = ZUpdateDeviceRequest.parse(input);
  const device = await ctx.db.device.findUnique({ where: { id } });
  if (!device) throw new AppError("NOT_FOUND", `no device with id ${id}`);
  const running = await ctx.db.job.findFirst({ where: { targetType: "device", targetId: id, status: "running" } });
  if (running) throw new AppError("CONFLICT", `device ${device.name} has a running job; cancel it or wait for it to end`);
  await ctx.db.device.update({
    where: { id },
    data: {
      ...(req.host ? { host: req.host } : {}),
      ...(req.port ? { port: req.port } : {}),
      ...(req.username ? { username: req.username } : {}),
      ...(req.labels ? { labels: JSON.stringify(req.labels) } : {}),
      ...(req.auth ? sealDeviceAuth(ctx.secrets, id, req.auth) : {}),
    },
  });
  await recordAuditEvent(ctx.db, actor, { action: "device.update", targetType: "device", targetId: id, details: { name: device.name, changed: Object.keys(req) } });
  return getDevice(ctx.db, id);
}
