import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBLEM_RANK, clusterProblemRank, type ApiErrorBody, type FleetPage, type SavedViewView, type WorkloadSearchPage } from "@outpost/cluster-core";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { seedFleet, type SeededCluster } from "../support/seed-fleet";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("fleet list API: server-side filters, sorting, paging and honest counters", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let fleet: SeededCluster[];

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    fleet = await seedFleet(db.url, { sites: 12, clusters: 120, seed: 7 });
  });
  afterAll(async () => {
    await centre?.stop();
    await db?.drop();
  });

  const page = (query = "") => admin.ok<FleetPage>("GET", `/api/v1/fleet${query}`);
  const all = async (query: string) => {
    const first = await page(`?pageSize=200&${query}`);
    expect(first.total).toBeLessThanOrEqual(200);
    return first.items.map((c) => c.name).sort();
  };
  const expected = (keep: (c: SeededCluster) => boolean) => fleet.filter(keep).map((c) => c.name).sort();

  it("lists problems first: offline, degraded, NotReady nodes, unhealthy workloads, waiting for agent, then healthy", async () => {
    const res = await page("?pageSize=200");
    expect(res.total).toBe(fleet.length);
    const ranks = res.items.map((c) => clusterProblemRank(c));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(res.items[0]!.status).toBe("offline");
    // The seeded mix has every kind of problem, so the order is really tested.
    for (const rank of Object.values(PROBLEM_RANK)) expect(ranks, `rank ${rank}`).toContain(rank);
  });

  it("counts nodes of clusters that are not connected as unknown, never as ready", async () => {
    const { counters } = await page();
    const connected = fleet.filter((c) => c.status === "online" || c.status === "degraded");
    const dark = fleet.filter((c) => c.status === "offline");
    expect(counters.clusters).toBe(fleet.length);
    expect(counters.offline).toBe(dark.length);
    expect(counters.nodesReady).toBe(connected.reduce((n, c) => n + c.nodesReady, 0));
    expect(counters.nodesTotal).toBe(fleet.reduce((n, c) => n + c.nodesTotal, 0));
    expect(counters.nodesUnknown).toBe(dark.reduce((n, c) => n + c.nodesTotal, 0));
    expect(counters.nodesUnknown).toBeGreaterThan(0);
    expect(counters.clustersNodesNotReady).toBe(connected.filter((c) => c.nodesReady < c.nodesTotal).length);
  });

  it("filters by status, site, k3s version, problem and label selector in SQL; counters ignore the status filter so they stay clickable", async () => {
    expect(await all("status=offline,degraded")).toEqual(expected((c) => c.status === "offline" || c.status === "degraded"));
    const site = fleet[3]!.site;
    expect(await all(`site=${site}`)).toEqual(expected((c) => c.site === site));
    expect(await all("k3s=v1.32.9%2Bk3s1")).toEqual(expected((c) => c.k3sVersion === "v1.32.9+k3s1"));
    expect(await all("problem=nodes-not-ready")).toEqual(expected((c) => (c.status === "online" || c.status === "degraded") && c.nodesReady < c.nodesTotal));
    expect(await all("problem=workloads-unhealthy")).toEqual(expected((c) => (c.status === "online" || c.status === "degraded") && c.workloadsHealthy < c.workloadsTotal));
    expect(await all(`selector=${encodeURIComponent("kind=store,!beta")}`)).toEqual(expected((c) => c.labels.kind === "store" && !("beta" in c.labels)));
    expect(await all(`selector=${encodeURIComponent("region!=eu,tier")}`)).toEqual(expected((c) => c.labels.region !== "eu"));
    expect(await all(`selector=${encodeURIComponent("kind in (store,factory),region notin (apac)")}`)).toEqual(
      expected((c) => ["store", "factory"].includes(c.labels.kind!) && c.labels.region !== "apac"),
    );

    const filtered = await page("?status=offline");
    expect(filtered.total).toBe(fleet.filter((c) => c.status === "offline").length);
    expect(filtered.counters.clusters).toBe(fleet.length);
  });

  it("finds clusters by free text in names, labels, workloads and images", async () => {
    expect(await all("q=receipt-printer")).toEqual(expected((c) => c.workloads.some((w) => w.name === "receipt-printer")));
    expect(await all("q=pos-api%3A1.5.0")).toEqual(expected((c) => c.workloads.some((w) => w.images.includes("registry.local/pos/pos-api:1.5.0"))));
    const site = fleet[5]!.site;
    expect(await all(`q=${site}`)).toEqual(expected((c) => c.site === site || c.name.includes(site)));
  });

  it("pages without overlap or gaps in any sort order, and answers a page past the end with the last page", async () => {
    for (const sort of ["problems", "name", "site", "k3s", "lastSeen"]) {
      for (const dir of ["asc", "desc"]) {
        const seen: string[] = [];
        for (let p = 1; p <= 5; p++) seen.push(...(await page(`?sort=${sort}&dir=${dir}&pageSize=25&page=${p}`)).items.map((c) => c.id));
        expect(new Set(seen).size, `${sort} ${dir}`).toBe(fleet.length);
      }
    }
    const byName = (await page("?sort=name&dir=desc&pageSize=200")).items.map((c) => c.name);
    expect(byName).toEqual([...byName].sort().reverse());
    const past = await page("?pageSize=50&page=99");
    expect(past.page).toBe(3);
    expect(past.items).toHaveLength(fleet.length - 100);
  });

  it("groups by site on request and says how often each cluster went offline in 24 h", async () => {
    const grouped = await page("?group=site&pageSize=200");
    const sites = grouped.items.map((c) => c.siteName);
    expect(sites).toEqual([...sites].sort());
    const flaky = fleet.find((c) => c.outages24h > 0)!;
    expect(grouped.items.find((c) => c.id === flaky.id)?.outages24h).toBe(flaky.outages24h);
  });

  it("searches workloads and images across every cluster: where pos-api runs, which sites still run one image version", async () => {
    const runs = fleet.filter((c) => c.workloads.some((w) => w.name === "pos-api"));
    const found = await admin.ok<WorkloadSearchPage>("GET", "/api/v1/search?q=pos-api&field=name&pageSize=200");
    expect(found.total).toBe(runs.length);
    expect(found.clusters).toBe(runs.length);
    expect(found.sites).toBe(new Set(runs.map((c) => c.site)).size);
    expect(found.items.map((h) => h.clusterName).sort()).toEqual(runs.map((c) => c.name).sort());
    const versions = new Map<string, number>();
    for (const c of runs) for (const image of c.workloads.find((w) => w.name === "pos-api")!.images) versions.set(image, (versions.get(image) ?? 0) + 1);
    expect(Object.fromEntries(found.images.map((i) => [i.image, i.clusters]))).toEqual(Object.fromEntries(versions));

    const old = await admin.ok<WorkloadSearchPage>("GET", "/api/v1/search?q=registry.local/pos/pos-api:1.4.2&field=image&pageSize=200");
    const stillOld = runs.filter((c) => c.workloads.some((w) => w.images.includes("registry.local/pos/pos-api:1.4.2")));
    expect(old.items.map((h) => h.siteName).sort()).toEqual(stillOld.map((c) => c.site).sort());
    expect((await admin.call<ApiErrorBody>("GET", "/api/v1/search?q=a")).status).toBe(422);
  });

  it("refuses bad filters with a clear error", async () => {
    for (const [query, message] of [
      ["?status=sleeping", /status/],
      ["?selector=%3D%3Dprod", /label selector/],
      ["?pageSize=7", /page size is one of 25, 50, 100, 200/],
      ["?sort=random", /sort/],
    ] as const) {
      const res = await admin.call<ApiErrorBody>("GET", `/api/v1/fleet${query}`);
      expect(res.status, query).toBe(422);
      expect(res.body.error.message, query).toMatch(message);
    }
  });

  it("keeps /api/v1/clusters as the unpaged list for scripts, with the same filters", async () => {
    const offline = await admin.clusters("?status=offline");
    expect(offline.map((c) => c.name).sort()).toEqual(expected((c) => c.status === "offline"));
    const name = fleet[10]!.name;
    const legacy = await admin.clusters(`?search=${name}`);
    expect(legacy.map((c) => c.name).sort()).toEqual(expected((c) => c.name.includes(name)));
  });

  it("saves views per user, replaces a view saved again under its name, and refuses other users' views", async () => {
    await admin.ok("POST", "/api/v1/users", { username: "viewer-1", password: "viewer-password-1", role: "viewer" });
    const viewer = await ApiClient.signIn(centre.url, "viewer-1", "viewer-password-1");
    const saved = await admin.ok<SavedViewView>("POST", "/api/v1/saved-views", { name: "Dark stores", query: "status=offline&selector=kind%3Dstore" });
    await admin.ok("POST", "/api/v1/saved-views", { name: "Dark stores", query: "status=offline" });
    expect((await admin.ok<SavedViewView[]>("GET", "/api/v1/saved-views")).map((v) => [v.name, v.query])).toEqual([["Dark stores", "status=offline"]]);
    expect(await viewer.ok<SavedViewView[]>("GET", "/api/v1/saved-views")).toEqual([]);
    expect((await viewer.call("DELETE", `/api/v1/saved-views/${saved.id}`)).status).toBe(404);
    const bad = await admin.call<ApiErrorBody>("POST", "/api/v1/saved-views", { name: "x", query: "status=sleeping" });
    expect(bad.status).toBe(422);
    expect((await admin.call("DELETE", `/api/v1/saved-views/${saved.id}`)).status).toBe(200);
  });
});
