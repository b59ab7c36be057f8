import type { ServerContext } from "../context";
import type { JobKind } from "../jobs/job-kind";
import { PROVISION_JOB_KIND } from "./provision-job-names";
import { ZProvisionParams, type ProvisionParams } from "./provision-step-kit";
import { configureStep } from "./steps/configure-step";
import { connectStep } from "./steps/connect-step";
import { installAgentStep } from "./steps/install-agent-step";
import { installK3sStep } from "./steps/install-k3s-step";
import { preflightStep } from "./steps/preflight-step";
import { uploadStep } from "./steps/upload-step";
import { waitAgentStep } from "./steps/wait-agent-step";
import { waitNodeStep } from "./steps/wait-node-step";

/**
 * Provisioning a device over SSH: a new k3s server whose Outpost agent registers a new cluster,
 * or an agent joining a cluster. Every step checks before it acts, so the job can be re-run on
 * a provisioned device and a failed step retried.
 */
export function provisionJobKind(ctx: ServerContext): JobKind<ProvisionParams> {
  return {
    kind: PROVISION_JOB_KIND,
    params: ZProvisionParams,
    steps: (params) =>
      params.role === "server"
        ? [connectStep(ctx), preflightStep(ctx), uploadStep(ctx), configureStep(ctx), installK3sStep(ctx), installAgentStep(ctx), waitAgentStep(ctx), waitNodeStep(ctx)]
        : [connectStep(ctx), preflightStep(ctx), uploadStep(ctx), configureStep(ctx), installK3sStep(ctx), waitNodeStep(ctx)],
  };
}
