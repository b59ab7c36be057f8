import type { ServerContext } from "../../context";
import type { StepDefinition } from "../../jobs/job-kind";
import { withDeviceSession, type ProvisionParams } from "../provision-step-kit";

/** Reaches the device, checks (or, on first contact, pins) its host key, and logs in. */
export function connectStep(ctx: ServerContext): StepDefinition<ProvisionParams> {
  return {
    name: "connect",
    title: "Connect over SSH",
    async run(step) {
      await withDeviceSession(ctx, step, async (session, device) => {
        step.log(`logged in as ${device.username}@${device.host}:${device.port} (${device.authMethod === "key" ? "private key" : "password"}); host key ${session.hostKey.fingerprint} (${session.hostKey.type})`);
      });
    },
  };
}
