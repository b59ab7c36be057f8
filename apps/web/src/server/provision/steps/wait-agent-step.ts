import type { ServerContext } from "../../context";
import { StepError, type StepDefinition } from "../../jobs/job-kind";
import { loadDevice, waitFor, withDeviceSession, type ProvisionParams } from "../provision-step-kit";

const TIMEOUT_MS = 180_000;

/** Waits until the new cluster's agent has registered and is connected, and links the device to it. */
export function waitAgentStep(ctx: ServerContext): StepDefinition<ProvisionParams> {
  return {
    name: "wait-agent",
    title: "Wait for the agent to dial home",
    async run(step) {
      const device = await loadDevice(ctx, step.params.deviceId);
      const cluster = await waitFor(step, "waiting for the agent", TIMEOUT_MS, async () => {
        const c = await ctx.db.cluster.findUnique({ where: { name: device.clusterName ?? "" } });
        return c && (c.status === "online" || c.status === "degraded") ? c : null;
      });
      if (!cluster) {
        const tail = await withDeviceSession(ctx, step, (session) =>
          session.run("tail -n 5 /var/log/outpost-agent.log 2>/dev/null || journalctl -u outpost-agent -n 5 --no-pager 2>/dev/null", { privileged: true }),
        ).catch(() => null);
        const last = tail?.stdout.trim().split("\n").at(-1);
        throw new StepError(`the agent did not connect within ${TIMEOUT_MS / 60_000} minutes${last ? `; its log ends: ${last}` : ""}`);
      }
      await ctx.db.device.update({ where: { id: device.id }, data: { clusterId: cluster.id } });
      step.log(`cluster ${cluster.name} is ${cluster.status}: the agent dialled home`);
    },
  };
}
