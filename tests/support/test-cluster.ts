import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_DIR } from "./paths";

const run = promisify(execFile);
const SCRIPT = join(REPO_DIR, "scripts/testcluster.sh");

export interface TestCluster {
  dir: string;
  /** k3s.yaml-shaped admin kubeconfig of the cluster. */
  kubeconfig: string;
  /** kubectl built from the same Kubernetes module as the API server. */
  kubectl: string;
  apiserverUrl: string;
  adminToken: string;
  caCert: string;
  nodes: string[];
  /** Runs the matching kubectl with the given kubeconfig (the cluster's own by default). */
  kubectlRun(args: string[], opts?: { kubeconfig?: string; input?: string }): Promise<{ stdout: string; stderr: string; code: number }>;
  setNodeReady(node: string, ready: boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A k3s-shaped control plane of real upstream parts (kine on SQLite, kube-apiserver,
 * controller-manager, scheduler, kwok nodes) from scripts/testcluster.sh, in a temp dir.
 */
export async function startTestCluster(opts: { nodes?: number } = {}): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), "outpost-testcluster-"));
  try {
    await run("bash", [SCRIPT, "start", dir, "--nodes", String(opts.nodes ?? 2)], { timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    await run("bash", [SCRIPT, "stop", dir]).catch(() => undefined);
    throw new Error(`test cluster did not start: ${(err as { stderr?: string }).stderr ?? String(err)}`);
  }
  const env = readTestClusterEnv(dir);
  const kubectl = env.KUBECTL!;
  const kubeconfig = env.KUBECONFIG!;
  return {
    dir,
    kubeconfig,
    kubectl,
    apiserverUrl: env.APISERVER_URL!,
    adminToken: env.ADMIN_TOKEN!,
    caCert: env.CA_CERT!,
    nodes: (env.NODES ?? "").split(/[\s,]+/).filter(Boolean).sort(),
    async kubectlRun(args, o = {}) {
      return new Promise((resolve) => {
        const child = execFile(kubectl, ["--kubeconfig", o.kubeconfig ?? kubeconfig, ...args], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
          resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
        );
        if (o.input !== undefined) child.stdin?.end(o.input);
      });
    },
    async setNodeReady(node, ready) {
      await run("bash", [SCRIPT, "node-ready", dir, node, String(ready)], { timeout: 60_000 });
    },
    async stop() {
      await run("bash", [SCRIPT, "stop", dir], { timeout: 60_000 }).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The KEY="value" lines testcluster.sh writes to DIR/env. */
export function readTestClusterEnv(dir: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(join(dir, "env"), "utf8")
      .split("\n")
      .map((line) => /^([A-Z_0-9]+)="?(.*?)"?$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}
