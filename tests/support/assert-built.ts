import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { REPO_DIR } from "./paths";

const checked = new Set<string>();

/**
 * Throws unless every build output exists and is newer than every source file it is built from
 * (tests run the built centre and agent: an old build would test code that no longer exists).
 * Checked once per process and build.
 */
export function assertBuilt(what: string, outputs: string[], sources: string[]): void {
  const key = outputs.join("\n");
  if (checked.has(key)) return;
  const missing = outputs.find((o) => !existsSync(o));
  if (missing) throw new Error(`${what} is not built (${relative(REPO_DIR, missing)} is missing): run \`npm run build\` first`);
  const builtAt = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  const newer = sources.flatMap((s) => sourceFiles(s)).find((f) => f.mtimeMs > builtAt);
  if (newer) throw new Error(`${what} is older than ${relative(REPO_DIR, newer.path)}: run \`npm run build\` first`);
  checked.add(key);
}

/** Source files under `path` (tests excluded), newest first. */
function sourceFiles(path: string): { path: string; mtimeMs: number }[] {
  const found: { path: string; mtimeMs: number }[] = [];
  const walk = (p: string) => {
    const st = statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== "node_modules" && !entry.startsWith(".")) walk(join(p, entry));
    } else if (/\.(ts|tsx|mts|css|json|prisma)$/.test(p) && !/\.test\.tsx?$/.test(p)) {
      found.push({ path: p, mtimeMs: st.mtimeMs });
    }
  };
  walk(path);
  return found.sort((a, b) => b.mtimeMs - a.mtimeMs);
}

const CORE = join(REPO_DIR, "packages/cluster-core/src");
const WEB = join(REPO_DIR, "apps/web");

/** The centre: Next.js build and server bundle (apps/web/dist/server.mjs). */
export const assertCentreBuilt = () =>
  assertBuilt("the centre", [join(WEB, ".next/BUILD_ID"), join(WEB, "dist/server.mjs")], [join(WEB, "server.ts"), join(WEB, "src"), join(WEB, "app"), join(WEB, "generated"), CORE]);

/** The agent bundle (apps/agent/dist/outpost-agent.mjs). */
export const assertAgentBuilt = () => assertBuilt("the agent", [join(REPO_DIR, "apps/agent/dist/outpost-agent.mjs")], [join(REPO_DIR, "apps/agent/src"), CORE]);

/** The operator CLI (apps/cli/dist/outpost.mjs). */
export const assertCliBuilt = () => assertBuilt("the outpost CLI", [join(REPO_DIR, "apps/cli/dist/outpost.mjs")], [join(REPO_DIR, "apps/cli/src"), CORE]);
