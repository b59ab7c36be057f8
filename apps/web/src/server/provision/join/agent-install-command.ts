import type { Config } from "../../config";
import { shellCommand } from "../ssh/shell-quote";
import { centreCurlTrust } from "./centre-curl-trust";

/** "Add cluster" on a bare k3s server: fetch the agent from the centre, install it as a service with its token in a 0600 file, start it. */
export function agentInstallCommand(config: Config, centreUrl: string, registrationToken: string): { installCommand: string; installTrust: string } {
  const trust = centreCurlTrust(config, centreUrl);
  const fetch = shellCommand(["curl", "-fsSL", ...trust.options, `${centreUrl}/api/v1/install/agent.sh`]);
  return { installCommand: `${fetch} | sudo OUTPOST_REGISTRATION_TOKEN=${registrationToken} sh`, installTrust: trust.describe };
}
