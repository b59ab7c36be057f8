import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assertAgentBuilt } from "./assert-built";
import { AGENT_BIN } from "./paths";
import { startProcess, type ProcessHandle } from "./process-handle";

export interface AgentOptions {
  server: string;
  registrationToken: string;
  /** Simulated cluster name (SimDriver), or a kubeconfig path (KubeDriver). */
  simulate?: string;
  kubeconfig?: string;
  /** Reuse a state dir to restart an agent that already registered. */
  stateDir?: string;
  env?: Record<string, string>;
  /** The agent file to run (default: the build output, apps/agent/dist/outpost-agent.mjs). */
  bin?: string;
  /** Working directory of the agent process (default: this one's). */
  cwd?: string;
  /**
   * Run inside this network namespace (a fault-test device: `ip netns exec <netns> node …`,
   * which execs node, so the process handle is the agent itself and kill() reaches it).
   */
  netns?: string;
}

export interface AgentProcess extends ProcessHandle {
  stateDir: string;
}

/** Starts the real, built agent (`npm run build -w @outpost/agent`) as its own process. */
export function startAgent(opts: AgentOptions): AgentProcess {
  const bin = opts.bin ?? AGENT_BIN;
  if (bin === AGENT_BIN) assertAgentBuilt();
  else if (!existsSync(bin)) throw new Error(`no agent at ${bin}`);
  const stateDir = opts.stateDir ?? mkdtempSync(join(tmpdir(), "outpost-agent-"));
  const args = [bin, "--server", opts.server, "--state-dir", stateDir, "--heartbeat-interval", "1"];
  // Test centres often run without TLS; a device's agent refuses that unless told.
  if (opts.server.startsWith("http:")) args.push("--insecure-plain-http");
  if (opts.simulate) args.push("--simulate", opts.simulate);
  if (opts.kubeconfig) args.push("--kubeconfig", opts.kubeconfig);
  // The token travels in the environment, as on a device: never on the command line (ps).
  // Bundles land under the agent's own folder, never in the test machine's real /usr/local/bin.
  const env = { ...process.env, OUTPOST_REGISTRATION_TOKEN: opts.registrationToken, OUTPOST_ROOT: join(stateDir, "root"), ...opts.env };
  const handle = opts.netns
    ? startProcess("ip", ["netns", "exec", opts.netns, process.execPath, ...args], { env, cwd: opts.cwd })
    : startProcess(process.execPath, args, { env, cwd: opts.cwd });
  return Object.assign(handle, { stateDir });
}
