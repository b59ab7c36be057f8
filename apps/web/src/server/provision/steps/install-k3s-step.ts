import type { ServerContext } from "../../context";
import { StepError, type StepDefinition } from "../../jobs/job-kind";
import { deviceFacts, withDeviceSession, type ProvisionParams, type ProvisionStep } from "../provision-step-kit";
import type { DeviceSession } from "../ssh/open-device-session";
import { shellCommand } from "../ssh/shell-quote";

export const INSTALL_SCRIPT = "/usr/local/bin/k3s-install.sh";

/**
 * Runs the bundle's k3s install script in air-gap mode (INSTALL_K3S_SKIP_DOWNLOAD=true,
 * INSTALL_K3S_EXEC=server|agent, K3S_URL for an agent; the token is in config.yaml, never on the
 * command line), streaming its output into the job log. Skipped when k3s already runs with the
 * files and configuration this job left unchanged.
 */
export function installK3sStep(ctx: ServerContext): StepDefinition<ProvisionParams> {
  return {
    name: "install-k3s",
    title: "Install k3s (air-gapped)",
    async run(step) {
      await withDeviceSession(ctx, step, async (session, device) => {
        const changed = step.state.k3sChanged === true || step.state.configChanged === true;
        if (!changed && (await alreadyRunning(ctx, step, session, device.clusterId, deviceFacts(device).hostname))) {
          step.log("k3s already runs with this bundle and configuration; not restarted");
          return;
        }
        const env = ["INSTALL_K3S_SKIP_DOWNLOAD=true", `INSTALL_K3S_EXEC=${step.params.role}`];
        if (step.params.role === "agent" && typeof step.state.serverUrl === "string") env.push(`K3S_URL=${step.state.serverUrl}`);
        step.log(`running ${INSTALL_SCRIPT} with ${env.join(" ")}`);
        const r = await session.run(shellCommand(["env", ...env, "sh", INSTALL_SCRIPT]), {
          privileged: true,
          onLine: (line, stream) => step.log(line, stream === "stderr" && /error|fatal|fail/i.test(line) ? "error" : "info"),
        });
        if (r.code !== 0) {
          const last = (r.stderr.trim() || r.stdout.trim()).split("\n").at(-1) ?? "";
          throw new StepError(`the k3s install script failed (exit ${r.code ?? "lost"})${last ? `: ${last}` : ""}`);
        }
        step.state.k3sChanged = false;
        step.state.configChanged = false;
      });
    },
  };
}

/** A server answers k3s's /ping on :6443; an agent's node is Ready in its cluster. */
async function alreadyRunning(ctx: ServerContext, step: ProvisionStep, session: DeviceSession, clusterId: string | null, hostname: string | undefined): Promise<boolean> {
  if (step.params.role === "server") {
    const r = await session.run("curl -sk --max-time 5 https://127.0.0.1:6443/ping");
    return r.code === 0 && r.stdout.trim() === "pong";
  }
  if (!clusterId || !hostname) return false;
  const node = await ctx.db.node.findUnique({ where: { clusterId_name: { clusterId, name: hostname } } });
  return node?.ready === true;
}
