import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ServerContext } from "../context";
import { shellQuote } from "./ssh/shell-quote";

export type DeviceScriptName = "preflight.sh" | "install-agent-service.sh" | "join-node.sh" | "join-node-claimed.sh" | "install-agent.sh";

/**
 * A script the centre runs on or hands to devices (src/server/provision/device-scripts), with
 * shell variable assignments put in front: values are quoted, never pasted into the script text.
 */
export function deviceScript(ctx: ServerContext, name: DeviceScriptName, vars: Record<string, string> = {}): string {
  const body = readFileSync(join(ctx.assets.deviceScriptsDir, name), "utf8").replace(/^#!.*\n/, "");
  const header = Object.entries(vars).map(([k, v]) => `${k}=${shellQuote(v)}`);
  return `#!/bin/sh\n${header.length ? `# Set by the Outpost centre for this request:\n${header.join("\n")}\n` : ""}${body}`;
}
