import { mkdirSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { hostname } from "node:os";
import { join } from "node:path";
import type { K3sValues } from "./parse-k3s-command";
import { parseK3sToken, sha256Hex } from "./k3s-token";
import type { KubeConnection } from "./kube-request";
import { readToken } from "./read-token";
import { defaultNodeIp, registerNode, setNodeRunning } from "./register-node";

const RETRY_MS = 5_000;

/**
 * `k3s agent --server URL --token T`: trusts the server only if its CA matches the token's hash,
 * trades the token for a kubelet client certificate, and registers this host's Node with the
 * server's API (as system:node:<name>, through the server's :6443). Then it stays, re-registering
 * a deleted node like a kubelet, until SIGTERM marks the node NotReady.
 */
export async function runK3sAgent(values: K3sValues, log: (line: string) => void): Promise<number> {
  const server = typeof values.server === "string" && values.server ? values.server.replace(/\/+$/, "") : null;
  if (!server) throw new Error("--server (K3S_URL) is required for `k3s agent`");
  const tokenText = readToken(values);
  if (!tokenText) throw new Error("--token (K3S_TOKEN) or --token-file is required for `k3s agent`");
  const token = parseK3sToken(tokenText);
  const dataDir = typeof values["data-dir"] === "string" ? values["data-dir"] : "/var/lib/rancher/k3s";
  const agentDir = join(dataDir, "agent");
  const nodeName = typeof values["node-name"] === "string" ? values["node-name"] : hostname();

  let caPem: string;
  let kubelet: string;
  for (;;) {
    try {
      caPem = (await get(`${server}/cacerts`, { insecure: true })).text;
      const hash = sha256Hex(caPem);
      if (token.caHash && hash !== token.caHash) throw new FatalError(`token CA hash does not match the Cluster CA certificate hash: ${hash} != ${token.caHash}`);
      const auth = `Basic ${Buffer.from(`node:${token.password}`).toString("base64")}`;
      const res = await get(`${server}/v1-k3s/client-kubelet.crt`, { caPem, headers: { authorization: auth, "k3s-Node-Name": nodeName } });
      if (res.status === 401) throw new FatalError(`${server}/v1-k3s/client-kubelet.crt: 401 Unauthorized: the token is not valid for this server`);
      if (res.status !== 200) throw new Error(`${server}/v1-k3s/client-kubelet.crt: ${res.status} ${res.text.slice(0, 200)}`);
      kubelet = res.text;
      break;
    } catch (err) {
      if (err instanceof FatalError) throw err;
      log(`Waiting to retrieve agent configuration; server is not ready: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
  const certPem = kubelet.slice(0, kubelet.indexOf("-----END CERTIFICATE-----") + 26);
  const keyPem = kubelet.slice(certPem.length).trim() + "\n";
  mkdirSync(agentDir, { recursive: true, mode: 0o700 });
  writeFileSync(join(agentDir, "server-ca.crt"), caPem);
  writeFileSync(join(agentDir, "client-kubelet.crt"), certPem);
  writeFileSync(join(agentDir, "client-kubelet.key"), keyPem, { mode: 0o600 });

  const conn: KubeConnection = { server, caPem, certPem, keyPem };
  const registration = {
    name: nodeName,
    server: false,
    labels: (values["node-label"] as string[] | undefined) ?? [],
    taints: (values["node-taint"] as string[] | undefined) ?? [],
    internalIp: typeof values["node-ip"] === "string" ? values["node-ip"] : defaultNodeIp(),
  };
  const how = await registerNode(conn, registration);
  log(`node ${nodeName} ${how === "created" ? "registered" : "already registered"} with ${server}`);
  log("k3s agent is up and running");

  return new Promise((resolve) => {
    const watch = setInterval(() => {
      registerNode(conn, registration).catch((err: Error) => log(`node status: ${err.message}`));
    }, 10_000);
    const stop = () => {
      clearInterval(watch);
      log("shutting down");
      void setNodeRunning(conn, nodeName, false)
        .catch(() => undefined)
        .finally(() => resolve(0));
    };
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
}

class FatalError extends Error {}

function get(url: string, opts: { insecure?: boolean; caPem?: string; headers?: Record<string, string> }): Promise<{ status: number; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path: u.pathname, method: "GET", headers: opts.headers, ca: opts.caPem, rejectUnauthorized: !opts.insecure, timeout: 10_000 },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end();
  });
}
