import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { io, type Socket } from "socket.io-client";
import type { ClusterSummary, SiteView } from "@outpost/cluster-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually";
import { startKubeAccessFixture, type KubeAccessFixture } from "../support/kube-access-fixture";

/**
 * An operator granted site berlin only: paris's cluster does not exist for them anywhere — the
 * API, the pages, the live socket and the kube proxy all answer as if it never did.
 */
describe("a grant scoped to one site", () => {
  let f: KubeAccessFixture;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    f = await startKubeAccessFixture();
  }, 240_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await f?.stop();
  });

  it("lists only the granted site's clusters and sites, and answers 404 for the other's", async () => {
    const api = f.berlinOperator.api;
    expect((await api.clusters()).map((c) => c.name)).toEqual(["berlin-1"]);
    expect((await api.ok<SiteView[]>("GET", "/api/v1/sites")).map((s) => s.name)).toEqual(["berlin"]);
    for (const [method, path, body] of [
      ["GET", `/api/v1/clusters/${f.paris}`],
      ["GET", `/api/v1/clusters/${f.paris}/desired-state`],
      ["PATCH", `/api/v1/clusters/${f.paris}`, { labels: { city: "berlin" } }],
      ["DELETE", `/api/v1/clusters/${f.paris}`],
      ["POST", `/api/v1/clusters/${f.paris}/kubeconfig`],
    ] as const) {
      const res = await api.call<{ error: { code: string; message: string } }>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      // Word for word what an id that never existed gets.
      expect(res.body.error.message).toBe(`no cluster with id ${f.paris}`);
    }
    expect((await api.call("GET", `/api/v1/clusters/${f.berlin}`)).status).toBe(200);
    // The admin still sees both, untouched.
    expect((await f.admin.api.clusters()).map((c) => c.name).sort()).toEqual(["berlin-1", "paris-1"]);
  });

  it("shows the other site's cluster page as not found", async () => {
    const page = (id: string) => fetch(`${f.centre.url}/clusters/${id}`, { headers: { cookie: f.berlinOperator.api.sessionCookie! } });
    expect((await page(f.berlin)).status).toBe(200);
    const hidden = await page(f.paris);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain("paris-1");
  });

  it("lets them operate their own site's cluster and add clusters there, but not at the other site", async () => {
    const api = f.berlinOperator.api;
    expect((await api.call("PATCH", `/api/v1/clusters/${f.berlin}`, { labels: { city: "berlin", tier: "store" } })).status).toBe(200);
    const token = await api.call("POST", "/api/v1/registration-tokens", { siteId: f.berlinSiteId, clusterName: "berlin-2" });
    expect(token.status).toBe(201);
    const sites = await f.admin.api.ok<SiteView[]>("GET", "/api/v1/sites");
    const paris = sites.find((s) => s.name === "paris")!;
    expect((await api.call("POST", "/api/v1/registration-tokens", { siteId: paris.id, clusterName: "sneaky-1" })).status).toBe(404);
  });

  it("sends live updates of granted clusters only over the /ui socket", async () => {
    const socket = io(`${f.centre.url}/ui`, { transports: ["websocket"], extraHeaders: { cookie: f.berlinOperator.api.sessionCookie! }, reconnection: false, forceNew: true });
    sockets.push(socket);
    const seen: ClusterSummary[] = [];
    socket.on("cluster:updated", (s: ClusterSummary) => seen.push(s));
    await new Promise<void>((resolve, reject) => (socket.on("connect", resolve), socket.on("connect_error", reject)));
    // A change to paris first, then one to berlin: once berlin's arrives, paris's would have too.
    await f.admin.api.ok("PATCH", `/api/v1/clusters/${f.paris}`, { labels: { city: "paris", note: "moved-tills" } });
    await f.admin.api.ok("PATCH", `/api/v1/clusters/${f.berlin}`, { labels: { city: "berlin", note: "new-tills" } });
    await eventually(async () => seen, (s) => s.some((c) => c.id === f.berlin && c.labels.note === "new-tills"), "berlin's update");
    expect(seen.filter((c) => c.id === f.paris)).toEqual([]);
  });

  it("keeps the other site's cluster out of the paged fleet list, the workload search and the outage history", async () => {
    const api = f.berlinOperator.api;
    const fleet = await api.ok<{ items: ClusterSummary[]; total: number }>("GET", "/api/v1/fleet");
    expect({ names: fleet.items.map((c) => c.name), total: fleet.total }).toEqual({ names: ["berlin-1"], total: 1 });
    expect((await f.admin.api.ok<{ total: number }>("GET", "/api/v1/fleet")).total).toBe(2);
    // Both Outpost clusters are served by the same control plane: a new Deployment shows on both.
    const made = await f.cluster.kubectlRun(["create", "deployment", "scoped-search", "--image=registry.local/pos-api:1.4"]);
    expect(made.code, made.stderr).toBe(0);
    type Hits = { items: { clusterName: string }[]; total: number };
    await eventually(() => f.admin.api.ok<Hits>("GET", "/api/v1/search?q=scoped-search"), (r) => r.total === 2, "the admin finds it on both clusters", 60_000);
    const hits = await api.ok<Hits>("GET", "/api/v1/search?q=scoped-search");
    expect(hits.items.map((h) => h.clusterName)).toEqual(["berlin-1"]);
    expect((await api.call("GET", `/api/v1/clusters/${f.paris}/history`)).status).toBe(404);
    expect((await api.call("GET", `/api/v1/clusters/${f.berlin}/history`)).status).toBe(200);
  });

  it("reaches the granted cluster's kube API and gets 404 for the other's, whatever token it sends", async () => {
    const kc = await f.kubeconfig(f.berlinOperator, f.berlin);
    const pods = await f.kubectl(kc, ["get", "pods"]);
    expect(pods.code, pods.stderr).toBe(0);
    const token = /token: "([^"]+)"/.exec(readFileSync(kc, "utf8"))![1]!;
    const apiToken = (await f.berlinOperator.api.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "script" })).token;
    for (const t of [token, apiToken]) {
      const res = await fetch(`${f.centre.url}/k8s/clusters/${f.paris}/api/v1/namespaces/default/pods`, { headers: { authorization: `Bearer ${t}` } });
      expect(res.status).toBe(404);
      expect(((await res.json()) as { message: string }).message).toBe("Outpost: no such cluster");
    }
  });

  it("gives a kubeconfig's token its own cluster's kube API and nothing else", async () => {
    const kc = await f.kubeconfig(f.operator, f.berlin);
    const token = /token: "([^"]+)"/.exec(readFileSync(kc, "utf8"))![1]!;
    const paris = await fetch(`${f.centre.url}/k8s/clusters/${f.paris}/api/v1/namespaces/default/pods`, { headers: { authorization: `Bearer ${token}` } });
    expect(paris.status).toBe(404);
    const api = await fetch(`${f.centre.url}/api/v1/clusters`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(403);
    const mint = await fetch(`${f.centre.url}/api/v1/api-tokens`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ name: "longer" }) });
    expect(mint.status).toBe(403);
  });

  it("closes an open watch within a second when the grant is revoked", async () => {
    const kc = await f.kubeconfig(f.berlinOperator, f.berlin);
    const watch = spawn(f.cluster.kubectl, ["--kubeconfig", kc, "get", "pods", "-w"], { stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number>((resolve) => watch.once("exit", () => resolve(performance.now())));
    await eventually(() => f.admin.api.ok<{ tunnelStreamsOpen: number }>("GET", "/api/v1/metrics"), (m) => m.tunnelStreamsOpen >= 1, "watch open");
    const grants = await f.admin.api.ok<{ id: string; subject: { name: string } }[]>("GET", "/api/v1/grants");
    const revokedAt = performance.now();
    await f.admin.api.ok("DELETE", `/api/v1/grants/${grants.find((g) => g.subject.name === "bert")!.id}`);
    const closedAfter = (await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(Infinity), 5_000))])) - revokedAt;
    watch.kill("SIGKILL");
    expect(closedAfter).toBeLessThan(1_000);
    expect((await f.berlinOperator.api.clusters()).length).toBe(0);
  });
});
