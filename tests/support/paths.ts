import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** Runs the centre in one Node process (tsx as a loader, not its CLI, which would add a parent process). */
export const CENTRE_COMMAND = [process.execPath, "--import", "tsx", join(REPO_DIR, "apps/web/server.ts")] as const;
export const AGENT_BIN = join(REPO_DIR, "apps/agent/dist/outpost-agent.mjs");
