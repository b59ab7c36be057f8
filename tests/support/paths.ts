import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_DIR = join(dirname(fileURLToPath(import.meta.url)), "../..");
export const TSX_BIN = join(REPO_DIR, "node_modules/.bin/tsx");
export const AGENT_BIN = join(REPO_DIR, "apps/agent/dist/outpost-agent.mjs");
export const SERVER_ENTRY = join(REPO_DIR, "apps/web/server.ts");
