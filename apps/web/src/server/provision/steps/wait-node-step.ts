import type { ServerContext } from "../../context";
import { StepError, type StepDefinition } from "../../jobs/job-kind";
import { deviceFacts, loadDevice, type ProvisionParams } from "../provision-step-kit";
import { waitForReadyNode } from "../wait-for-ready-node";

/** Waits until the cluster's agent reports this device's node (named by its host name) Ready. */
export function waitNodeStep(ctx: ServerContext): StepDefinition<ProvisionParams> {
  return {
    name: "wait-node",
    title: "Wait for the node to be Ready",
    async run(step) {
      const device = await loadDevice(ctx, step.params.deviceId);
      const name = deviceFacts(device).hostname;
      if (!name) throw new StepError("preflight did not record the device's host name");
      if (!device.clusterId) throw new StepError("the device is not linked to a cluster");
      await waitForReadyNode(ctx, step, device.clusterId, name, 180_000);
    },
  };
}
