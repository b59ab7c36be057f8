import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client";
import { fillRoute, listApiRoutes } from "../support/api-routes";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { openCentreDb, type CentreDb } from "../support/centre-db";
import { eventually } from "../support/eventually";
import { apiRouteCases } from "../support/fuzz/api-route-cases";
import { databaseFingerprint, listTables } from "../support/fuzz/database-fingerprint";
import type { FuzzEdge } from "../support/fuzz/fuzz-edge";
import { createFuzzRandom } from "../support/fuzz/fuzz-random";
import { kubeProxyCases, tunnelAnswerCases } from "../support/fuzz/kube-cases";
import { quantile, startLatencyProbe, type LatencyProbe } from "../support/fuzz/latency-probe";
import { rawHttpCases, upgradeCases } from "../support/fuzz/raw-http-cases";
import { runFuzzEdge, type EdgeResult } from "../support/fuzz/run-fuzz-edge";
import { agentNamespaceCases, uiNamespaceCases } from "../support/fuzz/socket-cases";
import { connectHostileAgent, type HostileAgent } from "../support/hostile-agent";
import { REPO_DIR } from "../support/paths";
import { openDescriptors } from "../support/process-descriptors";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** Same seed, same inputs: a failure here is reproducible with OUTPOST_FUZZ_SEED. */
const SEED = process.env.OUTPOST_FUZZ_SEED ?? "outpost-fuzz-1";
const INPUTS = Number(process.env.OUTPOST_FUZZ_INPUTS ?? 200);
/**
 * What a signed-in user may wait for `GET /api/v1/me` during and after the fuzzing (p95): 250 ms,
 * or three times what it takes on the same machine in the quiet moments between edges (a loaded
 * CI box is slow for everyone, fuzzed or not; and during the fuzzing the probe shares this test
 * process's event loop with the fuzzer, on the same cores as the centre). A handler that blocks
 * the centre (a backtracking parse, a body buffered whole) costs seconds, far more than that.
 * 100 ms was too tight when other work started on the box mid-run: quiet p95 44 ms, during 143.
 */
const ME_BUDGET_MS = 250;
/** No single answer to the signed-in user may take this long: that would be a stall. */
const ME_STALL_MS = 2_000;
const EDGE_TIMEOUT_MS = 90_000;
/** How far the centre's RSS may stay above its warmed-up figure once the fuzzing is over. */
const RSS_GROWTH_MIB = 320;

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;
const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(0) : "—");

/**
 * Issue 15: at least INPUTS malformed inputs per edge of a running centre (every API route and
 * method, the kube proxy, a hostile agent's tunnel answers, both socket.io namespaces, raw HTTP
 * framing, upgrades). For each input: the expected refusal (a 4xx with the JSON error; a 502
 * Status for a device's broken answer), never a 500, and the database unchanged. Meanwhile a
 * signed-in user's `GET /api/v1/me` stays fast; afterwards descriptors and RSS are back near
 * their baseline. Prints a table per edge (test-results/fuzz-edges.txt).
 */
describe("fuzz: malformed input at every edge", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let reader: CentreDb;
  let tables: string[];
  let adminCookie: string;
  let adminToken: string;
  let viewerToken: string;
  let agentForEvents: HostileAgent;
  let agentForTunnel: HostileAgent;
  let uiSocket: Socket;
  let probe: LatencyProbe;
  let baseline: { fds: number; rss: number };
  let rssAfterFuzzing = Number.NaN;
  const quiet: number[] = [];
  const during: number[] = [];
  const budgetMs = () => Math.max(ME_BUDGET_MS, 3 * quantile(quiet, 0.95));
  const results: (EdgeResult & { probe: number[] })[] = [];
  const started = performance.now();

  beforeAll(async () => {
    db = await createTestDatabase();
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    adminCookie = admin.sessionCookie!;
    adminToken = (await admin.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "fuzz" })).token;
    await admin.ok("POST", "/api/v1/users", { username: "fuzz-viewer", password: "viewer-password-1", role: "viewer" });
    const viewer = await ApiClient.signIn(centre.url, "fuzz-viewer", "viewer-password-1");
    viewerToken = (await viewer.ok<{ token: string }>("POST", "/api/v1/api-tokens", { name: "fuzz-viewer" })).token;
    agentForEvents = await connectHostileAgent(centre.url, admin, "fuzz-events");
    agentForTunnel = await connectHostileAgent(centre.url, admin, "fuzz-tunnel");
    uiSocket = io(`${centre.url}/ui`, { forceNew: true, transports: ["websocket"], reconnection: false, extraHeaders: { cookie: adminCookie } });
    await new Promise<void>((resolve, reject) => (uiSocket.once("connect", resolve), uiSocket.once("connect_error", reject)));
    reader = await openCentreDb(db.url);
    tables = await listTables(reader, db.kind);
    // Warm up (Next compiles nothing in production, but loads each route's module on its first
    // request and fills caches), then measure: the baseline is the centre serving every route.
    const anonymous = new ApiClient(centre.url);
    for (const route of listApiRoutes()) await anonymous.call(route.method, fillRoute(route.path, {}));
    for (let i = 0; i < 10; i++) await admin.call("GET", "/api/v1/me");
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await admin.call("GET", "/api/v1/me");
      quiet.push(performance.now() - t);
    }
    const pid = centre.process.child.pid!;
    baseline = { fds: openDescriptors(pid), rss: rssMiB(pid) };
    probe = startLatencyProbe(admin);
  }, 120_000);

  afterAll(async () => {
    await probe?.stop();
    uiSocket?.close();
    agentForEvents?.close();
    agentForTunnel?.close();
    await reader?.close();
    await centre?.stop();
    await db?.drop();
    if (results.length === 0) return;
    const lines = [
      `fuzz: seed ${SEED}, ${INPUTS} inputs per edge, ${db?.kind ?? "?"}, ${((performance.now() - started) / 1000).toFixed(0)} s; signed-in GET /api/v1/me p95 between edges ${fmt(quantile(quiet, 0.95))} ms, during ${fmt(quantile(during, 0.95))} ms (budget ${fmt(budgetMs())} ms); centre RSS ${fmt(baseline?.rss ?? Number.NaN)} MiB warmed up, ${fmt(rssAfterFuzzing)} MiB after`,
      `${"edge".padEnd(52)} ${"sent".padStart(5)} ${"4xx".padStart(5)} ${"5xx".padStart(5)} ${"500".padStart(4)} ${"other".padStart(5)} ${"unexp".padStart(5)} ${"db chg".padStart(6)}  me p50/p95/max ms  expected`,
      ...results.map(
        (r) =>
          `${r.name.slice(0, 52).padEnd(52)} ${String(r.sent).padStart(5)} ${String(r.c4xx).padStart(5)} ${String(r.c5xx).padStart(5)} ${String(r.c500).padStart(4)} ${String(r.other).padStart(5)} ${String(r.unexpectedCount).padStart(5)} ${String(r.dbChanged.length).padStart(6)}  ${`${fmt(quantile(r.probe, 0.5))}/${fmt(quantile(r.probe, 0.95))}/${fmt(Math.max(...r.probe))}`.padEnd(17)} ${r.expectedText}`,
      ),
      `total: ${results.reduce((n, r) => n + r.sent, 0)} inputs over ${results.length} edges; 500s: ${results.reduce((n, r) => n + r.c500, 0)}; database changed: ${results.reduce((n, r) => n + r.dbChanged.length, 0)} batches`,
    ];
    console.log(lines.join("\n"));
    mkdirSync(join(REPO_DIR, "test-results"), { recursive: true });
    writeFileSync(join(REPO_DIR, "test-results/fuzz-edges.txt"), `${lines.join("\n")}\n`);
  });

  const fingerprint = () => databaseFingerprint(reader, tables);

  async function fuzz(edge: FuzzEdge): Promise<void> {
    // A quiet moment first: how fast the signed-in user is answered on this machine right now.
    probe.take();
    await new Promise((r) => setTimeout(r, 450));
    quiet.push(...probe.take());
    const result = await runFuzzEdge(edge, fingerprint);
    const latencies = probe.take();
    during.push(...latencies);
    results.push({ ...result, probe: latencies });
    expect(result.sent).toBeGreaterThanOrEqual(INPUTS);
    expect(result.unexpected, `${result.unexpectedCount} inputs not answered with ${result.expectedText}, e.g. ${JSON.stringify(result.unexpected)}`).toEqual([]);
    expect(result.c500, "500s").toBe(0);
    expect(result.dbChanged, `batches after which the database had changed: ${JSON.stringify(result.dbChanged)}`).toEqual([]);
    expect(Math.max(0, ...latencies), `slowest signed-in GET /api/v1/me during ${edge.name}`).toBeLessThan(ME_STALL_MS);
  }

  const routes = listApiRoutes();
  for (const route of routes) {
    it(`API ${route.method} ${route.path}: every malformed request gets a 4xx with the JSON error and changes nothing`, async () => {
      const methods = routes.filter((r) => r.path === route.path).map((r) => r.method);
      const r = createFuzzRandom(`${SEED}:${route.method} ${route.path}`);
      await fuzz({ name: `API ${route.method} ${route.path}`, cases: apiRouteCases(route, { port: centre.port, adminCookie }, r, INPUTS, methods) });
    }, EDGE_TIMEOUT_MS);
  }

  it("kube proxy: malformed requests are refused with a 4xx Status before they reach the device", async () => {
    let opens = 0;
    const count = () => opens++;
    agentForEvents.socket.on("tunnel:open", count);
    const target = { port: centre.port, clusterId: agentForEvents.clusterId, adminToken, viewerToken };
    try {
      await fuzz({ name: "kube proxy /k8s/clusters/:id/*", cases: kubeProxyCases(target, createFuzzRandom(`${SEED}:kube`), INPUTS), expectedText: "4xx + kube Status" });
    } finally {
      agentForEvents.socket.off("tunnel:open", count);
    }
    expect(opens, "requests that reached the device").toBe(0);
  }, EDGE_TIMEOUT_MS);

  it("hostile agent's tunnel answers: each reaches the caller as a 502 Status, never a 500 or a hang", async () => {
    const target = { port: centre.port, clusterId: agentForTunnel.clusterId, adminToken, viewerToken };
    await fuzz({
      name: "tunnel answers of a hostile agent",
      cases: tunnelAnswerCases(target, agentForTunnel.socket, createFuzzRandom(`${SEED}:tunnel`), INPUTS),
      expected: (o) => o.status === 502 && o.json,
      expectedText: "502 + kube Status",
    });
  }, EDGE_TIMEOUT_MS);

  it("socket.io /ui: bad handshakes are refused and any event from a browser gets an error", async () => {
    await fuzz({ name: "socket.io /ui", cases: uiNamespaceCases({ url: centre.url, adminCookie }, uiSocket, createFuzzRandom(`${SEED}:ui`), INPUTS), expectedText: "connect_error / error ack" });
  }, EDGE_TIMEOUT_MS);

  it("socket.io /agent: bad handshakes are refused and malformed agent events get an error ack", async () => {
    const target = { url: centre.url, clusterId: agentForEvents.clusterId, socket: agentForEvents.socket };
    await fuzz({ name: "socket.io /agent", cases: agentNamespaceCases(target, createFuzzRandom(`${SEED}:agent`), INPUTS), expectedText: "connect_error / error ack" });
  }, EDGE_TIMEOUT_MS);

  it("raw HTTP: broken framing gets a JSON 4xx", async () => {
    await fuzz({ name: "raw HTTP framing", cases: rawHttpCases(centre.port, createFuzzRandom(`${SEED}:raw`), INPUTS) });
  }, EDGE_TIMEOUT_MS);

  it("upgrades: every upgrade the centre does not serve gets a JSON 4xx at once", async () => {
    await fuzz({ name: "upgrade requests", cases: upgradeCases(centre.port, createFuzzRandom(`${SEED}:upgrade`), INPUTS) });
  }, EDGE_TIMEOUT_MS);

  it("afterwards: the signed-in user was answered fast throughout and still is, descriptors are back near their baseline and RSS within 320 MiB of it, agents still online", async () => {
    expect(quantile(during, 0.95), `signed-in GET /api/v1/me p95 during the fuzzing (quiet p95 ${fmt(quantile(quiet, 0.95))} ms)`).toBeLessThan(budgetMs());
    const pid = centre.process.child.pid!;
    rssAfterFuzzing = rssMiB(pid);
    await eventually(async () => openDescriptors(pid), (n) => n <= baseline.fds + 10, `descriptors back near ${baseline.fds}`, 20_000);
    // Near: within 320 MiB of the warmed-up figure. ~17,000 requests (a few hundred over-limit
    // bodies of 1 MiB read up to the limit) leave the heap and allocator grown by 50–225 MiB, which
    // is not given back promptly; a body buffered whole (300 MB took 731 MB before, +510 MiB) or a
    // leak of 20 KB per input (+330 MiB) is past this.
    await eventually(async () => rssMiB(pid), (mib) => mib <= baseline.rss + RSS_GROWTH_MIB, `RSS within ${RSS_GROWTH_MIB} MiB of the warmed-up ${baseline.rss.toFixed(0)} MiB`, 30_000);
    const after: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      expect((await admin.call("GET", "/api/v1/me")).status).toBe(200);
      after.push(performance.now() - t);
    }
    expect(quantile(after, 0.95), "signed-in GET /api/v1/me p95 afterwards").toBeLessThan(budgetMs());
    const clusters = await admin.ok<{ name: string; status: string }[]>("GET", "/api/v1/clusters");
    expect(clusters.filter((c) => c.name.startsWith("fuzz-")).map((c) => c.status)).toEqual(["online", "online"]);
  }, 60_000);
});
