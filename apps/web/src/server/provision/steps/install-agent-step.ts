import type { CurrentUser } from "@outpost/cluster-core";
import { ZRole } from "@outpost/cluster-core";
import type { ServerContext } from "../../context";
import { StepError, type StepDefinition } from "../../jobs/job-kind";
import { createRegistrationToken } from "../../fleet/create-registration-token";
import { placeFile, stagingDir, withDeviceSession, type ProvisionParams, type ProvisionStep } from "../provision-step-kit";
import { shellCommand } from "../ssh/shell-quote";
import { agentEnvFile } from "../agent-env-file";
import { centreCaPem } from "./centre-ca-pem";
import { deviceScript } from "../device-script";
import { ACCESS_INCLUDE, toAccess } from "../../access/to-access";
import type { Access } from "../../access/access";

export const AGENT_ENV_PATH = "/etc/outpost-agent/agent.env";
const CREDENTIAL = "/var/lib/outpost-agent/credential.json";

/**
 * Installs the Outpost agent (placed by the upload) as a service. Its one-time registration token
 * goes into /etc/outpost-agent/agent.env (0600) through stdin — never a command line. An agent
 * that already registered keeps its credential and is only restarted if its settings changed.
 */
export function installAgentStep(ctx: ServerContext): StepDefinition<ProvisionParams> {
  return {
    name: "install-agent",
    title: "Install the Outpost agent",
    async run(step) {
      await withDeviceSession(ctx, step, async (session, device) => {
        const registered = (await session.run(`test -s ${CREDENTIAL}`, { privileged: true })).code === 0;
        let envChanged = false;
        if (registered) {
          step.log(`the agent has registered before (${CREDENTIAL}); keeping its credential`);
        } else {
          if (!device.clusterName) throw new StepError("the device has no cluster name");
          const { actor, access } = await jobActor(ctx, step);
          const token = await createRegistrationToken(
            ctx.db,
            actor,
            access,
            { siteId: device.siteId, clusterName: device.clusterName, labels: JSON.parse(device.labels) as Record<string, string>, ttlMinutes: 30 },
            step.params.centreUrl,
          ).catch((err: Error) => {
            throw new StepError(`cannot register the cluster ${device.clusterName}: ${err.message}`);
          });
          envChanged = await placeFile(session, AGENT_ENV_PATH, agentEnvFile(ctx, step.params.centreUrl, token.token), "0600");
          step.log(`wrote ${AGENT_ENV_PATH} (0600) with a one-time registration token for ${device.clusterName} (expires ${token.expiresAt})`);
        }
        const caPem = centreCaPem(ctx);
        if (caPem && (await placeFile(session, "/etc/outpost-agent/centre-ca.pem", caPem, "0644"))) envChanged = true;
        const running = (await session.run("test -s /run/outpost-agent.pid && kill -0 $(cat /run/outpost-agent.pid) 2>/dev/null || systemctl is-active --quiet outpost-agent 2>/dev/null", { privileged: true })).code === 0;
        if (registered && running && !envChanged && step.state.k3sChanged !== true) {
          step.log("the agent service is running");
          return;
        }
        const staged = `${await stagingDir(session)}/install-agent-service.sh`;
        await session.runOk("staging the service installer", `cat > ${staged}`, { stdin: deviceScript(ctx, "install-agent-service.sh") });
        await session.runOk("installing the agent service", shellCommand(["sh", staged]), { privileged: true, onLine: (line) => step.log(line) });
      });
    },
  };
}

/** Who the registration token is made for: the operator who started the job. */
/** Who started the job, with their grants as they are now: the new cluster must land where they operate. */
async function jobActor(ctx: ServerContext, step: ProvisionStep): Promise<{ actor: CurrentUser; access: Access }> {
  const user = step.job.createdById ? await ctx.db.user.findUnique({ where: { id: step.job.createdById }, include: ACCESS_INCLUDE }) : null;
  if (!user || user.disabled) throw new StepError(`the operator who started this job (${step.job.createdByName}) no longer exists or is disabled; start a new job`);
  return { actor: { id: user.id, username: user.username, role: ZRole.parse(user.role) }, access: toAccess(user) };
}
