/**
 * The k3s stand-in of the test bundle (see README "Testing"): a `k3s` executable with k3s's
 * command line and files, behind which the real test control plane runs (server) or a node joins
 * it (agent). Built into one file by build-k3s-stand-in.ts and placed at /usr/local/bin/k3s.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { parseK3sCommand } from "./parse-k3s-command";
import { K3S_VERSION } from "./register-node";
import { runK3sAgent } from "./run-k3s-agent";
import { runK3sServer } from "./run-k3s-server";

/** k3s logs in logrus's text format. */
function log(level: "info" | "warning" | "fatal", msg: string): void {
  process.stdout.write(`time="${new Date().toISOString()}" level=${level} msg=${JSON.stringify(msg)}\n`);
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === "--version" || first === "-v" || first === "version") {
    process.stdout.write(`k3s version ${K3S_VERSION} (outpost test stand-in)\n`);
    return 0;
  }
  if (first === "kubectl") return kubectl(argv.slice(1));
  const cmd = parseK3sCommand(argv, process.env);
  for (const w of cmd.warnings) log("warning", w);
  log("info", `Starting k3s ${cmd.command} ${K3S_VERSION} (stand-in)`);
  const info = (line: string) => log("info", line);
  return cmd.command === "server" ? runK3sServer(cmd.values, info) : runK3sAgent(cmd.values, info);
}

/** `k3s kubectl`: the test control plane's kubectl with k3s's kubeconfig. */
function kubectl(args: string[]): number {
  const env = "/var/lib/rancher/k3s/server/stand-in/env";
  const bin = existsSync(env) ? /^KUBECTL="(.*)"$/m.exec(readFileSync(env, "utf8"))?.[1] : undefined;
  if (!bin) {
    log("fatal", "no kubectl on this node: `k3s kubectl` works on a server");
    return 1;
  }
  const r = spawnSync(bin, args, { stdio: "inherit", env: { KUBECONFIG: "/etc/rancher/k3s/k3s.yaml", ...process.env } });
  return r.status ?? 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    log("fatal", `Error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
