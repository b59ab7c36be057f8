import type { CurrentUser, JobView } from "@outpost/cluster-core";
import type { ServerContext } from "../../context";
import { recordAuditEvent } from "../../audit/record-audit-event";
import { startProvisioning } from "./start-provisioning";

/** "Provision again": a new job for a device that has one already (each step checks before it acts). */
export async function provisionDeviceAgain(ctx: ServerContext, actor: CurrentUser, deviceId: string, centreUrl: string): Promise<JobView> {
  const job = await startProvisioning(ctx, actor, deviceId, centreUrl);
  await recordAuditEvent(ctx.db, actor, { action: "device.provision", targetType: "device", targetId: deviceId, details: { jobId: job.id } });
  return job;
}
