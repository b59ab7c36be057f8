import { K3S_CONFIG_PATH, renderK3sConfig } from "@outpost/cluster-core";
import type { ServerContext } from "../../context";
import type { StepDefinition } from "../../jobs/job-kind";
import { deviceK3sOptions, loadDevice, placeFile, withDeviceSession, type ProvisionParams } from "../provision-step-kit";
import { readJoinDetails } from "../read-join-details";
import { waitForServerCluster } from "../wait-for-server-cluster";

/**
 * Writes /etc/rancher/k3s/config.yaml (0600): the operator's k3s options, and for an agent the
 * server URL and join token. An identical file is left alone, so k3s is not restarted for nothing.
 */
export function configureStep(ctx: ServerContext): StepDefinition<ProvisionParams> {
  return {
    name: "configure",
    title: "Write /etc/rancher/k3s/config.yaml",
    async run(step) {
      let device = await loadDevice(ctx, step.params.deviceId);
      if (step.params.role === "agent" && !device.clusterId && device.joinDeviceId) device = await waitForServerCluster(ctx, step, device, device.joinDeviceId);
      const options = deviceK3sOptions(ctx, device);
      let content: string;
      if (step.params.role === "agent") {
        const join = await readJoinDetails(ctx, device);
        step.log(`joining ${join.serverUrl} with the cluster's join token (read through the server's agent)`);
        step.state.serverUrl = join.serverUrl;
        content = renderK3sConfig({ role: "agent", options, token: join.token, server: join.serverUrl });
      } else {
        content = renderK3sConfig({ role: "server", options });
      }
      await withDeviceSession(ctx, step, async (session) => {
        const changed = await placeFile(session, K3S_CONFIG_PATH, content, "0600");
        step.state.configChanged = changed;
        step.log(changed ? `wrote ${K3S_CONFIG_PATH} (mode 0600)` : `${K3S_CONFIG_PATH} is already as wanted`);
      });
    },
  };
}
