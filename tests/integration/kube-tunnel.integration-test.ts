import { spawn } from "node:child_process";
import { request as httpsRequest } from "node:https";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { ONLINE_CLUSTER_TIMEOUT_MS, startOnlineCluster, type OnlineCluster } from "../support/online-cluster";

/** kubectl reaches a real API server through the centre and the agent's tunnel. */
describe("kube API through the tunnel", () => {
  let oc: OnlineCluster;
  let adminKubeconfig: string;
  let viewerKubeconfig: string;
  const tmp = mkdtempSync(join(tmpdir(), "outpost-tunnel-test-"));
  const sockets: Socket[] = [];

  async function downloadKubeconfig(client: ApiClient, id: string, file: string): Promise<string> {
    const res = await client.call<string>("POST", `/api/v1/clusters/${id}/kubeconfig`);
    expect(res.status).toBe(200);
    const path = join(tmp, file);
    writeFileSync(path, typeof res.body === "string" ? res.body : "", { mode: 0o600 });
    return path;
  }

  beforeAll(async () => {
    // HTTPS: kubectl sends bearer tokens only over TLS.
    oc = await startOnlineCluster({ name: "clinic-5", nodes: 2, tls: true });
    adminKubeconfig = await downloadKubeconfig(oc.admin, oc.clusterId, "admin.yaml");
    viewerKubeconfig = await downloadKubeconfig(await oc.signInAs("viewer", "vic"), oc.clusterId, "viewer.yaml");
  }, ONLINE_CLUSTER_TIMEOUT_MS);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await oc?.stop();
  });

  const kubectl = (args: string[], kubeconfig = adminKubeconfig, input?: string) => oc.cluster.kubectlRun(args, { kubeconfig, input });
  const metrics = () => oc.admin.ok<{ tunnelStreamsOpen: number }>("GET", "/api/v1/metrics");

  it("serves kubectl get, apply and delete, with changes audited", async () => {
    const nodes = await kubectl(["get", "nodes", "-o", "name"]);
    expect(nodes.code, nodes.stderr).toBe(0);
    expect(nodes.stdout.trim().split("\n").sort()).toEqual(oc.cluster.nodes.map((n) => `node/${n}`));

    const manifest = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "till-config", namespace: "default" }, data: { currency: "EUR" } });
    const applied = await kubectl(["apply", "-f", "-"], adminKubeconfig, manifest);
    expect(applied.code, applied.stderr).toBe(0);
    // The object really is on the cluster's own API server.
    const direct = await oc.cluster.kubectlRun(["get", "configmap", "till-config", "-o", "jsonpath={.data.currency}"]);
    expect(direct.stdout).toBe("EUR");

    const deleted = await kubectl(["delete", "configmap", "till-config"]);
    expect(deleted.code, deleted.stderr).toBe(0);
    const audit = await oc.admin.ok<{ action: string; actorName: string; details: { path?: string } }[]>("GET", "/api/v1/audit?limit=50");
    const k8s = audit.filter((e) => e.action.startsWith("k8s."));
    expect(k8s.map((e) => e.action)).toEqual(expect.arrayContaining(["k8s.post", "k8s.delete"]));
    expect(k8s.every((e) => e.actorName === "admin")).toBe(true);
    expect(k8s.find((e) => e.action === "k8s.delete")!.details.path).toContain("/configmaps/till-config");
  });

  it("keeps `kubectl get pods -w` open and streams changes to it", async () => {
    const watch = spawn(oc.cluster.kubectl, ["--kubeconfig", adminKubeconfig, "get", "pods", "-w", "-o", "name"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    watch.stdout.on("data", (d: Buffer) => (out += d.toString()));
    try {
      await eventually(async () => (await metrics()).tunnelStreamsOpen, (n) => n >= 1, "watch stream open");
      const created = await oc.cluster.kubectlRun(["create", "deployment", "watched", "--image=registry.local/app:1", "--replicas=1"]);
      expect(created.code, created.stderr).toBe(0);
      await eventually(async () => out, (o) => /pod\/watched-/.test(o), "watch sees the new pod", 10_000);
    } finally {
      watch.kill("SIGINT");
    }
    // The caller went away: the stream is cancelled on both ends.
    await eventually(async () => (await metrics()).tunnelStreamsOpen, (n) => n === 0, "stream closed after kubectl exits", 10_000);
  });

  it("lets a viewer read but the cluster's RBAC refuses their writes, naming the Outpost user", async () => {
    const read = await kubectl(["get", "deployments", "-o", "name"], viewerKubeconfig);
    expect(read.code, read.stderr).toBe(0);
    const refused = await kubectl(["delete", "deployment", "watched"], viewerKubeconfig);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/User "outpost:vic" cannot delete resource "deployments"/);
    expect((await oc.cluster.kubectlRun(["get", "deployment", "watched", "-o", "name"])).stdout.trim()).toBe("deployment.apps/watched");
  });

  it("refuses callers without a valid Outpost token", async () => {
    const res = await fetch(`${oc.centre.url}/k8s/clusters/${oc.clusterId}/api/v1/nodes`);
    expect(res.status).toBe(401);
    const forged = await fetch(`${oc.centre.url}/k8s/clusters/${oc.clusterId}/api/v1/nodes`, { headers: { authorization: `Bearer ${oc.cluster.adminToken}` } });
    expect(forged.status).toBe(401);
  });

  it("serves many concurrent requests and large bodies both ways", async () => {
    const token = await oc.admin.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "concurrency" });
    const base = `${oc.centre.url}/k8s/clusters/${oc.clusterId}`;
    const headers = { authorization: `Bearer ${token.token}` };
    const results = await Promise.all(Array.from({ length: 40 }, () => fetch(`${base}/api/v1/nodes`, { headers }).then(async (r) => ({ status: r.status, body: (await r.json()) as { items: unknown[] } }))));
    expect(results.every((r) => r.status === 200 && r.body.items.length === 2)).toBe(true);

    // ~1 MiB up and back down again, byte for byte.
    const big = "x".repeat(1024 * 1024);
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big", namespace: "default" }, data: { blob: big } };
    const put = await fetch(`${base}/api/v1/namespaces/default/configmaps`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(cm) });
    expect(put.status).toBe(201);
    const got = (await (await fetch(`${base}/api/v1/namespaces/default/configmaps/big`, { headers })).json()) as { data: { blob: string } };
    expect(got.data.blob).toBe(big);
  });

  it("answers 503 with 'offline since' while the agent is away", async () => {
    await oc.agent.stop();
    await eventually(oc.summary, (c) => c.status === "offline", "offline");
    const res = await kubectl(["get", "nodes"]);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/is offline since/);
    // Restarted from its saved credential; the spent token is ignored.
    await oc.restartAgent();
  });

  describe("isolation: an agent only ever serves its own cluster", () => {
    let rogue: Socket;
    let rogueId: string;
    let rogueCredential: string;
    const opensSeenByRogue: unknown[] = [];

    beforeAll(async () => {
      const site = await oc.admin.createSite("rogue-site");
      const { token } = await oc.admin.createRegistrationToken(site.id, "rogue-k3s");
      const reg = await fetch(`${oc.centre.url}/api/v1/agent/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ registrationToken: token, agentVersion: "rogue", simulated: false }),
      });
      const { clusterId: id, credential } = (await reg.json()) as { clusterId: string; credential: string };
      rogueId = id;
      rogueCredential = credential;
      rogue = io(`${oc.centre.url}/agent`, { auth: { clusterId: id, credential, agentVersion: "rogue", features: ["impersonation"] }, transports: ["websocket"], reconnection: false });
      sockets.push(rogue);
      rogue.on("tunnel:open", (o: unknown) => opensSeenByRogue.push(o));
      await new Promise<void>((resolve, reject) => (rogue.on("connect", resolve), rogue.on("connect_error", reject)));
    });

    it("refuses an agent that presents its own valid credential with this cluster's id, and keeps serving this cluster's requests through its own agent", async () => {
      const impostor = io(`${oc.centre.url}/agent`, { auth: { clusterId: oc.clusterId, credential: rogueCredential, agentVersion: "rogue" }, transports: ["websocket"], reconnection: false });
      sockets.push(impostor);
      const opensSeenByImpostor: unknown[] = [];
      impostor.on("tunnel:open", (o: unknown) => opensSeenByImpostor.push(o));
      const outcome = await new Promise<{ message: string; code?: string }>((resolve) => {
        impostor.on("connect", () => resolve({ message: "connected" }));
        impostor.on("connect_error", (err: Error & { data?: { code?: string } }) => resolve({ message: err.message, code: err.data?.code }));
      });
      expect(outcome).toMatchObject({ code: "AGENT_CREDENTIAL_INVALID" });
      const nodes = await kubectl(["get", "nodes", "-o", "name"]);
      expect(nodes.code, nodes.stderr).toBe(0);
      expect(nodes.stdout.trim().split("\n").sort()).toEqual(oc.cluster.nodes.map((n) => `node/${n}`));
      expect(opensSeenByImpostor).toEqual([]);
      expect((await oc.summary()).status).toBe("online");
      impostor.close();
    });

    it("never lets another agent answer this cluster's requests, whatever stream ids it guesses", async () => {
      const watch = spawn(oc.cluster.kubectl, ["--kubeconfig", adminKubeconfig, "get", "nodes", "-w", "-o", "name"], { stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      watch.stdout.on("data", (d: Buffer) => (out += d.toString()));
      try {
        await eventually(async () => out, (o) => o.includes("node/edge-node-0"), "watch running");
        for (let streamId = 1; streamId <= 50; streamId++) {
          rogue.emit("tunnel:response", { streamId, status: 200, headers: { "content-type": "application/json" } });
          rogue.emit("tunnel:data", { streamId, chunk: Buffer.from('{"type":"ADDED","object":{"kind":"Node","apiVersion":"v1","metadata":{"name":"injected-node"}}}\n') }, () => {});
          rogue.emit("tunnel:end", { streamId });
        }
        const nodes = await kubectl(["get", "nodes", "-o", "name"]);
        expect(nodes.stdout).not.toContain("injected-node");
        await new Promise((r) => setTimeout(r, 500));
        expect(out).not.toContain("injected-node");
      } finally {
        watch.kill("SIGINT");
      }
      expect(opensSeenByRogue).toEqual([]);
    });

    it("sends requests only to the addressed cluster, and refuses path tricks", async () => {
      const token = (await oc.admin.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "tricks" })).token;
      // Raw requests: fetch() would normalise the dot segments away before sending them.
      const get = (path: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const url = new URL(oc.centre.url);
          const req = httpsRequest({ host: url.hostname, port: url.port, path, headers: { authorization: `Bearer ${token}` } }, (res) => {
            let body = "";
            res.on("data", (d: Buffer) => (body += d.toString()));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
          });
          req.on("error", reject);
          req.end();
        });
      expect((await get(`/k8s/clusters/${oc.clusterId}/api/v1/nodes`)).status).toBe(200);
      // Each is refused by Outpost itself (its own Status message), not by the API server after the tunnel.
      const dotSegments = /^Outpost: dot segments and encoded slashes are not allowed in the path$/;
      for (const [path, status, message] of [
        [`/k8s/clusters/${oc.clusterId}/%2e%2e/${rogueId}/api`, 400, dotSegments],
        [`/k8s/clusters/${oc.clusterId}/../${rogueId}/api`, 400, dotSegments],
        [`/k8s/clusters/${oc.clusterId}//127.0.0.1/api`, 400, /^Outpost: path must start with a single '\/'$/],
        [`/k8s/clusters/${oc.clusterId}/api/v1/nodes%0d%0aHost:%20evil`, 400, /^Outpost: control characters are not allowed in the path$/],
        [`/k8s/clusters/not-a-cluster/api/v1/nodes`, 404, /^Outpost: no such cluster$/],
        [`/k8s/clusters/${oc.clusterId}%2f..%2f${rogueId}/api/v1/nodes`, 400, dotSegments],
      ] as const) {
        const res = await get(path);
        expect(res.status, `${path}: ${res.body}`).toBe(status);
        const answer = JSON.parse(res.body) as { kind: string; code: number; message: string };
        expect(answer, path).toMatchObject({ kind: "Status", code: status, message: expect.stringMatching(message) });
      }
      expect(opensSeenByRogue).toEqual([]);

      // A request addressed to the rogue cluster goes to the rogue socket, and only there.
      const pending = get(`/k8s/clusters/${rogueId}/api/v1/nodes`);
      await eventually(async () => opensSeenByRogue.length, (n) => n === 1, "rogue sees its own request");
      const open = opensSeenByRogue[0] as { streamId: number; path: string };
      expect(open.path).toBe("/api/v1/nodes");
      rogue.emit("tunnel:response", { streamId: open.streamId, status: 418, headers: {} });
      rogue.emit("tunnel:end", { streamId: open.streamId });
      expect((await pending).status).toBe(418);
    });
  });
});
