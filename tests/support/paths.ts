import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");
/** Runs the centre as production does: the built server bundle with plain node (apps/web/build-server.ts). */
export const CENTRE_COMMAND = [process.execPath, join(REPO_DIR, "apps/web/dist/server.mjs")] as const;
export const AGENT_BIN = join(REPO_DIR, "apps/agent/dist/outpost-agent.mjs");
