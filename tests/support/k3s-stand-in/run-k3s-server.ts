import { execFile } from "node:child_process";
import { timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { K3sValues } from "./parse-k3s-command";
import { formatK3sToken, newK3sPassword, parseK3sToken } from "./k3s-token";
import { allIpv4, defaultNodeIp, registerNode, setNodeRunning } from "./register-node";
import { signCertificate } from "./sign-certificate";
import { startSupervisor } from "./start-supervisor";
import type { KubeConnection } from "./kube-request";
import { kubeRequest } from "./kube-request";
import { readToken } from "./read-token";

const run = promisify(execFile);
// Baked in when the test bundle is built (esbuild `define`); from source, the environment says.
const TESTCLUSTER = process.env.OUTPOST_STAND_IN_TESTCLUSTER ?? "scripts/testcluster.sh";

/**
 * `k3s server`: the real test control plane (scripts/testcluster.sh: kine, kube-apiserver,
 * controller-manager, scheduler, kwok) under DATA_DIR/server, behind k3s's files and port:
 * DATA_DIR/server/token and node-token, the kubeconfig at --write-kubeconfig, the supervisor and
 * API on :6443, the server's own node registered under the host name. Runs in the foreground
 * until SIGTERM, like k3s.
 */
export async function runK3sServer(values: K3sValues, log: (line: string) => void): Promise<number> {
  const dataDir = str(values["data-dir"]) ?? "/var/lib/rancher/k3s";
  const serverDir = join(dataDir, "server");
  const clusterDir = join(serverDir, "stand-in");
  const tokenFile = join(serverDir, "token");
  const kubeconfigOut = str(values["write-kubeconfig"]) ?? "/etc/rancher/k3s/k3s.yaml";
  const port = Number(str(values["https-listen-port"]) ?? "6443");
  const nodeName = str(values["node-name"]) ?? hostname();
  if (values["server"]) throw new Error("this k3s stand-in runs single-server clusters only: --server is not supported for `k3s server`");

  const given = readToken(values);
  mkdirSync(serverDir, { recursive: true, mode: 0o700 });
  let password = given ? parseK3sToken(given).password : null;
  if (existsSync(tokenFile)) {
    const existing = parseK3sToken(readFileSync(tokenFile, "utf8")).password;
    if (password !== null && password !== existing) {
      throw new Error("bootstrap data already found and encrypted with different token");
    }
    password = existing;
  }
  password ??= newK3sPassword();
  if (values["datastore-endpoint"]) log(`datastore-endpoint ${String(values["datastore-endpoint"])} noted; this stand-in keeps its datastore in kine/SQLite under ${clusterDir}`);
  for (const d of (values.disable as string[] | undefined) ?? []) log(`disabled packaged component: ${d} (the stand-in runs none)`);

  // A restart (or a kill -9 of an earlier run) finds the control plane of DIR still running.
  await run("bash", [TESTCLUSTER, "stop", clusterDir]).catch(() => undefined);
  log(`starting the control plane in ${clusterDir}`);
  const started = await run("bash", [TESTCLUSTER, "start", clusterDir, "--nodes", "0"], { maxBuffer: 16 << 20 }).catch((err: { stderr?: string }) => {
    throw new Error(`the control plane did not start: ${(err.stderr ?? String(err)).slice(-2000)}`);
  });
  log(started.stderr.trim().split("\n").at(-1) ?? "control plane started");
  const env = readEnv(join(clusterDir, "env"));
  const pki = join(clusterDir, "pki");
  const serverCaPem = readFileSync(join(pki, "server-ca.crt"), "utf8");
  const clientCaPem = readFileSync(join(pki, "client-ca.crt"), "utf8");

  writeSecret(tokenFile, `${formatK3sToken(serverCaPem, password)}\n`);
  const nodeToken = join(serverDir, "node-token");
  rmSync(nodeToken, { force: true });
  symlinkSync(tokenFile, nodeToken);

  const apiserver = new URL(env.APISERVER_URL!);
  const sans = ["DNS:localhost", "DNS:kubernetes", "DNS:kubernetes.default", `DNS:${hostname()}`, ...allIpv4().map((ip) => `IP:${ip}`),
    ...((values["tls-san"] as string[] | undefined) ?? []).map((s) => (/^[0-9.]+$|:/.test(s) ? `IP:${s}` : `DNS:${s}`))];
  const sign = (subject: string, usage: "client" | "server", ca: "server-ca" | "client-ca" | "request-header-ca", altNames?: string[]) =>
    signCertificate({ caCert: join(pki, `${ca}.crt`), caKey: join(pki, `${ca}.key`), subject, usage, altNames });
  const supervisor = await startSupervisor({
    bindAddress: str(values["bind-address"]) ?? "0.0.0.0",
    port,
    serverCaPem,
    clientCaPem,
    serving: sign("/CN=k3s", "server", "server-ca", sans),
    apiserver: { host: apiserver.hostname, port: Number(apiserver.port) },
    frontProxy: { certPem: readFileSync(join(pki, "client-auth-proxy.crt"), "utf8"), keyPem: readFileSync(join(pki, "client-auth-proxy.key"), "utf8") },
    passwordOk: (p) => p.length === password.length && timingSafeEqual(Buffer.from(p), Buffer.from(password)),
    kubeletCertificate: (name) => sign(`/O=system:nodes/CN=system:node:${name}`, "client", "client-ca"),
    log,
  });

  const admin = readFileSync(join(clusterDir, "k3s.yaml"), "utf8").replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${port}`);
  mkdirSync(dirname(kubeconfigOut), { recursive: true });
  writeFileSync(kubeconfigOut, admin, { mode: 0o600 });
  chmodSync(kubeconfigOut, parseInt(str(values["write-kubeconfig-mode"]) ?? "600", 8));
  log(`Wrote kubeconfig ${kubeconfigOut}`);

  const conn: KubeConnection = {
    server: `https://127.0.0.1:${port}`,
    caPem: serverCaPem,
    certPem: readFileSync(join(pki, "client-admin.crt"), "utf8"),
    keyPem: readFileSync(join(pki, "client-admin.key"), "utf8"),
  };
  const labels = ["node-role.kubernetes.io/control-plane=true", "node-role.kubernetes.io/master=true", ...((values["node-label"] as string[] | undefined) ?? [])];
  const how = await registerNode(conn, { name: nodeName, server: true, labels, taints: (values["node-taint"] as string[] | undefined) ?? [], internalIp: str(values["node-ip"]) ?? defaultNodeIp() });
  log(`node ${nodeName} ${how === "created" ? "registered" : "already registered"}`);
  await waitNodeReady(conn, nodeName);
  log("k3s is up and running");

  return new Promise((resolve) => {
    let stopping = false;
    const stop = async (code: number) => {
      if (stopping) return;
      stopping = true;
      clearInterval(watch);
      log("shutting down");
      await setNodeRunning(conn, nodeName, false).catch(() => undefined);
      supervisor.close();
      await run("bash", [TESTCLUSTER, "stop", clusterDir]).catch(() => undefined);
      resolve(code);
    };
    // k3s dies with its embedded control plane; so does the stand-in.
    const watch = setInterval(() => {
      run("bash", [TESTCLUSTER, "status", clusterDir]).catch((err: { stdout?: string }) => {
        log(`the control plane stopped: ${err.stdout?.trim() ?? ""}`);
        void stop(1);
      });
    }, 15_000);
    process.once("SIGTERM", () => void stop(0));
    process.once("SIGINT", () => void stop(0));
  });
}

async function waitNodeReady(conn: KubeConnection, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const r = await kubeRequest(conn, "GET", `/api/v1/nodes/${name}`);
    const conditions = (r.body as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions ?? [];
    if (conditions.some((c) => c.type === "Ready" && c.status === "True")) return;
    if (Date.now() > deadline) throw new Error(`node ${name} did not become Ready within 60 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function readEnv(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .map((line) => /^([A-Z_0-9]+)="?(.*?)"?$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

function writeSecret(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function str(v: string | boolean | string[] | undefined): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}
