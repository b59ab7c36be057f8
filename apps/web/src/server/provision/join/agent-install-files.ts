import { join } from "node:path";
import type { ServerContext } from "../../context";
import { AGENT_INSTALL_DIR, centreAgentBlobs } from "../resolve-provision-bundle";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

export interface AgentInstallFile {
  /** Path below /usr/local/lib/outpost (and below /api/v1/install/files/). */
  path: string;
  sha256: string;
  file: string;
}

/** What the one-line agent install fetches: the centre's agent build and the service installer. */
export function agentInstallFiles(ctx: ServerContext): AgentInstallFile[] {
  const agent = centreAgentBlobs(ctx.assets.agentDistDir).map((b) => {
    const path = b.target.slice(AGENT_INSTALL_DIR.length + 1);
    return { path, sha256: b.sha256, file: join(ctx.assets.agentDistDir, path) };
  });
  const service = join(ctx.assets.deviceScriptsDir, "install-agent-service.sh");
  return [...agent, { path: "install-agent-service.sh", sha256: createHash("sha256").update(readFileSync(service)).digest("hex"), file: service }];
}
