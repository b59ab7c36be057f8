import type { CurrentUser, JobView } from "@outpost/cluster-core";
import type { ServerContext } from "../../context";
import { AppError } from "../../errors/app-error";
import { PROVISION_JOB_KIND } from "../provision-job-names";

/** A new provisioning job for the device; refused while one is still queued or running. */
export async function startProvisioning(ctx: ServerContext, actor: CurrentUser, deviceId: string, centreUrl: string): Promise<JobView> {
  const device = await ctx.db.device.findUnique({ where: { id: deviceId }, include: { cluster: { select: { name: true } } } });
  if (!device) throw new AppError("NOT_FOUND", `no device with id ${deviceId}`);
  const busy = await ctx.db.job.findFirst({ where: { targetType: "device", targetId: deviceId, status: { in: ["queued", "running"] } } });
  if (busy) throw new AppError("CONFLICT", `device ${device.name} already has a ${busy.status} job (${busy.title})`);
  const joins = device.cluster?.name ?? (device.joinDeviceId ? `the cluster of ${(await ctx.db.device.findUnique({ where: { id: device.joinDeviceId } }))?.clusterName ?? "its server"}` : "its cluster");
  const title = device.role === "server" ? `Provision ${device.name} as k3s server of ${device.clusterName}` : `Join ${device.name} to ${joins}`;
  return ctx.jobs.create({ kind: PROVISION_JOB_KIND, title, targetType: "device", targetId: deviceId, params: { deviceId, role: device.role, centreUrl }, actor });
}
