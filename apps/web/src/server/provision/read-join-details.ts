import type { ServerContext } from "../context";
import { StepError } from "../jobs/job-kind";
import type { DeviceRecord } from "./provision-step-kit";

/**
 * What an agent device joins with: the k3s server URL (given, or the cluster's server device on
 * :6443) and the server's node-token, read on the server by its Outpost agent and handed over
 * the tunnel. The token stays in the centre's memory: never stored, logged or shown.
 */
export async function readJoinDetails(ctx: ServerContext, device: DeviceRecord): Promise<{ serverUrl: string; token: string }> {
  if (!device.clusterId) throw new StepError("the device has no cluster to join (was the cluster deleted?)");
  const cluster = await ctx.db.cluster.findUnique({ where: { id: device.clusterId } });
  if (!cluster) throw new StepError("the cluster to join no longer exists");
  let serverUrl = device.joinServerUrl;
  if (!serverUrl) {
    const server = device.joinDeviceId
      ? await ctx.db.device.findUnique({ where: { id: device.joinDeviceId } })
      : await ctx.db.device.findFirst({ where: { role: "server", clusterId: cluster.id } });
    if (!server) throw new StepError(`${cluster.name} was not provisioned by Outpost: set the k3s server URL of this device`);
    serverUrl = `https://${server.host.includes(":") ? `[${server.host}]` : server.host}:6443`;
  }
  const conn = ctx.presence.connectionOf(cluster.id);
  if (!conn) throw new StepError(`${cluster.name} is ${cluster.status}: its agent must be connected to hand out the join token`);
  try {
    return { serverUrl, token: await conn.readJoinToken() };
  } catch (err) {
    throw new StepError(`the agent of ${cluster.name} could not hand out the join token: ${(err as Error).message}`);
  }
}
