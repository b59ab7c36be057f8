import type { ServerContext } from "../context";
import { StepError } from "../jobs/job-kind";
import { waitFor, type DeviceRecord, type ProvisionStep } from "./provision-step-kit";

const TIMEOUT_MS = 20 * 60_000;

/**
 * An agent provisioned together with its server waits (after its own preflight and upload) until
 * the server's cluster is online, then belongs to that cluster.
 */
export async function waitForServerCluster(ctx: ServerContext, step: ProvisionStep, device: DeviceRecord, serverDeviceId: string): Promise<DeviceRecord> {
  const server = await ctx.db.device.findUnique({ where: { id: serverDeviceId } });
  if (!server) throw new StepError("the server device this device joins was deleted");
  step.log(`waiting for ${server.name}'s cluster ${server.clusterName ?? ""} to come online`);
  const clusterId = await waitFor(step, `waiting for ${server.name}`, TIMEOUT_MS, async () => {
    const s = await ctx.db.device.findUnique({ where: { id: serverDeviceId }, include: { cluster: true } });
    return s?.cluster && (s.cluster.status === "online" || s.cluster.status === "degraded") ? s.cluster.id : null;
  });
  if (!clusterId) throw new StepError(`${server.name}'s cluster did not come online within ${TIMEOUT_MS / 60_000} minutes; retry once it is`);
  return ctx.db.device.update({ where: { id: device.id }, data: { clusterId } });
}
