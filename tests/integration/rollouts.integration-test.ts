import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io, type Socket } from "socket.io-client";
import type { ChartDetail, RolloutDetail, RolloutPreview, RolloutSummary, RolloutTargetView } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { eventually } from "../support/eventually";
import { packageTestChart, REFUSE_FLAG, type TestChart } from "../support/helm-charts";
import { startRolloutFleet, type FleetCluster, type RolloutFleet } from "../support/rollout-fleet";

/**
 * Chart rollouts against real test control planes (kube-apiserver + kine + kwok, with k3s's
 * helm-controller and the kubelet/klipper-helm stand-in running a real helm) and simulated
 * clusters. Names sort into the waves: a-* is the canary, then b-*, c-*, d-* (2 clusters each).
 */
describe("chart rollouts across sites", () => {
  let fleet: RolloutFleet;
  const charts: Record<string, ChartDetail> = {};
  const rollouts: Record<string, string> = {};
  const BERLIN_NOON = Date.parse("2026-06-15T10:00:00Z");
  const BERLIN_2230 = Date.parse("2026-06-15T20:30:00Z");

  const cluster = (name: string): FleetCluster => fleet.clusters.get(name)!;
  const kubectl = async (name: string, args: string[]) => {
    const r = await cluster(name).testCluster!.kubectlRun(args);
    return r.code === 0 ? r.stdout : `ERROR ${r.stderr}`;
  };
  /** What the real cluster runs: the HelmChart's version annotation, the helm release's chart and status, the Deployment's ready replicas. */
  const live = async (name: string) => ({
    helmChart: await kubectl(name, ["get", "helmchart", "-n", "kube-system", "shop", "-o", "jsonpath={.metadata.annotations.outpost\\.io/chart-version}"]),
    release: await kubectl(name, ["get", "secret", "-n", "shop", "-l", "owner=helm,name=shop,status=deployed", "-o", "jsonpath={.items[*].metadata.labels.version}"]),
    configMap: await kubectl(name, ["get", "configmap", "-n", "shop", "shop-settings", "-o", "jsonpath={.data.chartVersion}"]),
    ready: await kubectl(name, ["get", "deployment", "-n", "shop", "shop-web", "-o", "jsonpath={.status.readyReplicas}"]),
  });
  const upload = async (chart: TestChart) => {
    charts[chart.version] = await fleet.admin.ok<ChartDetail>("POST", "/api/v1/charts", { archiveBase64: chart.bytes.toString("base64") });
  };
  const detail = (id: string) => fleet.admin.ok<RolloutDetail>("GET", `/api/v1/rollouts/${id}`);
  const target = (r: RolloutDetail, name: string): RolloutTargetView => r.targets.find((t) => t.clusterName === name)!;
  const start = async (version: string, extra: Record<string, unknown> = {}) =>
    (
      await fleet.admin.ok<RolloutDetail>("POST", "/api/v1/rollouts", {
        chartId: charts[version]!.id,
        targetNamespace: "shop",
        selector: "rollout-test=yes",
        valuesContent: `replicaCount: 2\nmessage: shop ${version}\n`,
        strategy: { canary: { mode: "clusters", clusterIds: [cluster("a-real").id] }, waveSize: { unit: "clusters", value: 2 }, failureBudget: 0, betweenWaves: { mode: "pause", seconds: 0 }, healthTimeoutSeconds: 240 },
        ...extra,
      })
    ).id;

  beforeAll(async () => {
    fleet = await startRolloutFleet({
      sites: [
        { name: "hamburg", timeZone: "UTC" },
        { name: "berlin", timeZone: "Europe/Berlin" },
        { name: "new-york", timeZone: "America/New_York" },
      ],
      members: [
        { name: "a-real", site: "hamburg", real: true },
        { name: "b-real", site: "hamburg", real: true },
        { name: "b-sim", site: "new-york", real: false },
        { name: "c-real", site: "hamburg", real: true },
        { name: "c-sim", site: "berlin", real: false },
        { name: "d-sim-1", site: "new-york", real: false },
        { name: "d-sim-2", site: "new-york", real: false },
        { name: "x-untargeted", site: "hamburg", real: false, labels: { "rollout-test": "no" } },
      ].map((m) => ({ labels: { "rollout-test": "yes" }, ...m })),
    });
    for (const v of ["1.0.0", "2.0.0", "3.0.0"]) await upload(packageTestChart({ name: "shop", version: v, refusesWhenFlagged: v === "2.0.0", deployments: [{ name: "web", replicas: 2 }] }));
  }, 600_000);
  afterAll(async () => {
    await fleet?.stop();
  }, 120_000);

  it("completes a canary and 3 waves, and each real cluster runs the chart's HelmChart, release and Ready Deployment", async () => {
    rollouts.v1 = await start("1.0.0");
    const first = await detail(rollouts.v1);
    expect(first.waves.map((w) => [w.label, w.counts.queued + w.counts.applying])).toEqual([["canary", 1], ["wave 1", 2], ["wave 2", 2], ["wave 3", 2]]);
    expect(first.targets.map((t) => t.clusterName)).not.toContain("x-untargeted");
    const done = await eventually(() => detail(rollouts.v1!), (r) => r.phase === "completed", "rollout 1.0.0 completed", 240_000);
    expect(done.counts.healthy).toBe(7);
    for (const name of ["a-real", "b-real", "c-real"]) expect(await live(name)).toEqual({ helmChart: "1.0.0", release: "1", configMap: "1.0.0", ready: "2" });
    // The timeline shows the waves in order, the canary first.
    const started = done.events.filter((e) => e.type === "wave-started").map((e) => e.wave).reverse();
    expect(started).toEqual([1, 2, 3]);
  }, 300_000);

  it("halts on a failing install in wave 2 with helm's reason, and leaves wave 3 untouched", async () => {
    expect((await kubectl("c-real", ["create", "configmap", "-n", REFUSE_FLAG.namespace, REFUSE_FLAG.name])).startsWith("ERROR")).toBe(false);
    rollouts.v2 = await start("2.0.0");
    const halted = await eventually(() => detail(rollouts.v2!), (r) => r.phase === "halted", "rollout 2.0.0 halted", 240_000);
    const failed = target(halted, "c-real");
    expect(failed.status).toBe("failed");
    expect(failed.detail).toMatch(/install Job helm-install-shop failed \(exit code 1\)/);
    expect(failed.detail).toMatch(/this cluster refuses shop 2\.0\.0/);
    expect(halted.haltReason).toMatch(/^1 failed cluster exceeds the failure budget of 0 \(c-real: install Job helm-install-shop failed/);
    for (const name of ["d-sim-1", "d-sim-2"]) expect(target(halted, name)).toMatchObject({ status: "queued", dispatchedAt: null });
    for (const name of ["a-real", "b-real"]) expect((await live(name)).helmChart).toBe("2.0.0");
    // c-real still runs 1.0.0: the failed upgrade left the deployed release alone.
    expect(await live("c-real")).toMatchObject({ configMap: "1.0.0", ready: "2" });
    // Wave 3's clusters never got 2.0.0 in their desired state (which also holds Outpost's RBAC bindings).
    const desired = await fleet.admin.ok<{ manifests: Array<{ kind: string; metadata: { annotations?: Record<string, string> } }> }>("GET", `/api/v1/clusters/${cluster("d-sim-1").id}/desired-state`);
    expect(desired.manifests.filter((m) => m.kind === "HelmChart").map((m) => m.metadata.annotations?.["outpost.io/chart-version"])).toEqual(["1.0.0"]);
  }, 300_000);

  it("rolls back: every cluster that got 2.0.0 returns to 1.0.0, tracked as a rollout", async () => {
    await kubectl("c-real", ["delete", "configmap", "-n", REFUSE_FLAG.namespace, REFUSE_FLAG.name]);
    const { id } = await fleet.admin.ok<{ id: string }>("POST", `/api/v1/rollouts/${rollouts.v2}/rollback`);
    const back = await eventually(() => detail(id), (r) => r.phase === "completed", "rollback completed", 240_000);
    expect(back.kind).toBe("rollback");
    expect(back.targets.map((t) => t.clusterName).sort()).toEqual(["a-real", "b-real", "b-sim", "c-real", "c-sim"]);
    expect(back.targets.every((t) => t.version === "1.0.0" && t.status === "healthy")).toBe(true);
    for (const name of ["a-real", "b-real", "c-real"]) expect(await live(name)).toMatchObject({ helmChart: "1.0.0", configMap: "1.0.0", ready: "2" });
    expect((await detail(rollouts.v2!)).phase).toBe("superseded");
  }, 300_000);

  it("defers a site outside its window, lets an offline cluster catch up on reconnect, and skips a paused cluster saying why", async () => {
    await fleet.admin.ok("PUT", `/api/v1/sites/${fleet.sites.get("berlin")}/maintenance-windows`, { windows: [{ days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "22:00", end: "06:00" }] });
    await fleet.admin.ok("PUT", `/api/v1/clusters/${cluster("d-sim-2").id}/rollout-pause`, { reason: "stocktaking until Monday" });
    fleet.setClock(BERLIN_NOON);
    await cluster("b-real").agent.stop();
    await eventually(() => fleet.admin.cluster(cluster("b-real").id), (c) => c.status === "offline", "b-real offline", 30_000);

    rollouts.v3 = await start("3.0.0");
    const waiting = await eventually(
      () => detail(rollouts.v3!),
      (r) => r.waves.every((w) => w.counts.applying === 0 && w.counts.queued === 0) && r.currentWave === 3,
      "every wave passed, two clusters left waiting",
      240_000,
    );
    expect(waiting.phase).toBe("running");
    expect(target(waiting, "b-real")).toMatchObject({ status: "waiting-offline" });
    expect(target(waiting, "c-sim")).toMatchObject({ status: "waiting-window", detail: expect.stringMatching(/opens Mon 22:00 Europe\/Berlin/) });
    expect(target(waiting, "d-sim-2")).toMatchObject({ status: "skipped", detail: "cluster paused by admin: stocktaking until Monday" });
    expect(target(waiting, "c-real").status).toBe("healthy");

    fleet.setClock(BERLIN_2230);
    await eventually(() => detail(rollouts.v3!), (r) => target(r, "c-sim").status === "healthy", "c-sim changed once its window opened", 60_000);
    await cluster("b-real").restartAgent();
    const done = await eventually(() => detail(rollouts.v3!), (r) => r.phase === "completed", "rollout 3.0.0 completed after b-real came back", 240_000);
    expect(target(done, "b-real").status).toBe("healthy");
    expect(await live("b-real")).toMatchObject({ helmChart: "3.0.0", configMap: "3.0.0", ready: "2" });
  }, 420_000);

  it("removes the HelmChart from the clusters when the rollout is deleted, and helm-controller uninstalls the release", async () => {
    await fleet.admin.ok("DELETE", `/api/v1/rollouts/${rollouts.v3}`);
    for (const name of ["a-real", "c-real"]) {
      await eventually(() => live(name), (l) => l.helmChart.startsWith("ERROR") && l.ready.startsWith("ERROR"), `${name}: HelmChart and release gone`, 120_000);
    }
  }, 300_000);

  it("shows a user granted one site only that site's clusters of each rollout, refuses acts that change clusters beyond it, and sends live events within grants", async () => {
    const users: Record<string, ApiClient> = {};
    const empty = await fleet.admin.createSite("no-clusters");
    for (const [username, siteId] of [["bea", fleet.sites.get("berlin")!], ["nina", empty.id]] as const) {
      const password = `${username}-password-1`;
      await fleet.admin.ok("POST", "/api/v1/users", { username, password, role: "operator", clusterAccess: "none" });
      const userId = (await fleet.admin.ok<{ id: string; username: string }[]>("GET", "/api/v1/users")).find((u) => u.username === username)!.id;
      await fleet.admin.ok("POST", "/api/v1/grants", { subject: { kind: "user", userId }, role: "operator", scope: { kind: "site", siteId } });
      users[username] = await ApiClient.signIn(fleet.centre.url, username, password);
    }
    const { bea, nina } = users as { bea: ApiClient; nina: ApiClient };
    const cSim = cluster("c-sim").id;

    // bea operates berlin, whose only cluster is c-sim: of rollout 1.0.0 (7 clusters) she sees that one.
    expect((await bea.ok<RolloutSummary[]>("GET", "/api/v1/rollouts")).find((r) => r.id === rollouts.v1)).toMatchObject({ total: 1, counts: { healthy: 1 } });
    const seen = await bea.ok<RolloutDetail>("GET", `/api/v1/rollouts/${rollouts.v1}`);
    expect(seen.targets.map((t) => t.clusterName)).toEqual(["c-sim"]);
    expect(seen.events.every((e) => e.clusterId === null || e.clusterId === cSim)).toBe(true);
    expect((await bea.ok<ChartDetail & { rollouts: RolloutSummary[] }>("GET", `/api/v1/charts/${charts["1.0.0"]!.id}`)).rollouts.map((r) => r.total)).toEqual([1]);
    const preview = await bea.ok<RolloutPreview>("POST", "/api/v1/rollouts/preview", { selector: "rollout-test=yes" });
    expect(preview.clusters.map((c) => c.name)).toEqual(["c-sim"]);
    expect(preview.problem).toMatch(/also matches 6 cluster\(s\) outside your grants/);
    // Acting on a rollout changes all of its clusters: refused, and nothing is created.
    const before = (await fleet.admin.ok<RolloutSummary[]>("GET", "/api/v1/rollouts")).length;
    for (const [method, path, body] of [
      ["POST", "/api/v1/rollouts", { chartId: charts["1.0.0"]!.id, targetNamespace: "shop", selector: "rollout-test=yes" }],
      ["POST", `/api/v1/rollouts/${rollouts.v1}/rollback`],
      ["POST", `/api/v1/rollouts/${rollouts.v1}/halt`, {}],
      ["DELETE", `/api/v1/rollouts/${rollouts.v1}`],
    ] as const) {
      const res = await bea.call<{ error: { message: string } }>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.message).toMatch(/needs the operator role on every cluster it changes: 6 cluster\(s\) are outside your grants/);
    }
    expect((await fleet.admin.ok<RolloutSummary[]>("GET", "/api/v1/rollouts")).length).toBe(before);
    // A rollout within her site is hers to start, halt and delete.
    await fleet.admin.ok("PATCH", `/api/v1/clusters/${cSim}`, { labels: { "rollout-test": "yes", pick: "c-sim" } });
    const own = await bea.call<RolloutDetail>("POST", "/api/v1/rollouts", { chartId: charts["1.0.0"]!.id, releaseName: "bea-shop", targetNamespace: "shop", selector: "pick=c-sim", strategy: { canary: { mode: "none" } } });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect((await bea.call("POST", `/api/v1/rollouts/${own.body.id}/halt`, {})).status).toBe(200);
    expect((await bea.call("DELETE", `/api/v1/rollouts/${own.body.id}`)).status).toBe(200);
    // nina's site has no clusters: no rollout reaches her, and one asked for by id does not exist.
    expect(await nina.ok<RolloutSummary[]>("GET", "/api/v1/rollouts")).toEqual([]);
    expect((await nina.call("GET", `/api/v1/rollouts/${rollouts.v1}`)).status).toBe(404);
    expect((await nina.call("GET", `/api/v1/clusters/${cSim}/rollout-history`)).status).toBe(404);
    expect((await nina.call("PUT", `/api/v1/clusters/${cSim}/rollout-pause`, { reason: "not mine" })).status).toBe(404);

    // Live: deleting rollout 1.0.0 (no longer on any cluster) reaches bea, who sees c-sim, and not nina.
    const sockets: Socket[] = [];
    const updates = async (api: ApiClient) => {
      const socket = io(`${fleet.centre.url}/ui`, { transports: ["websocket"], extraHeaders: { cookie: api.sessionCookie! }, reconnection: false, forceNew: true });
      sockets.push(socket);
      const got: string[] = [];
      socket.on("rollout:updated", (u: { rolloutId: string }) => got.push(u.rolloutId));
      await new Promise<void>((resolve, reject) => (socket.on("connect", resolve), socket.on("connect_error", reject)));
      return got;
    };
    try {
      const [toNina, toBea] = [await updates(nina), await updates(bea)];
      await fleet.admin.ok("DELETE", `/api/v1/rollouts/${rollouts.v1}`);
      await eventually(async () => toBea, (got) => got.includes(rollouts.v1!), "bea's rollout update");
      expect(toNina).toEqual([]);
    } finally {
      for (const s of sockets) s.close();
    }
  }, 120_000);
});
