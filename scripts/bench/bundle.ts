/**
 * npm run bench:bundle — air-gap bundles, real centre and agent processes (root: it runs inside a
 * hub network namespace made by `scripts/fault-tests.sh --run`, like the fault tests):
 *  (1) a 200 MiB bundle (10 image tarballs) through the tunnel over a device link with 5 % loss and
 *      20 ms delay (each direction), as a fraction of a plain `scp` of the same files over the same
 *      link in the same run (Debian's OpenSSH server inside the device namespace);
 *  (2) a second bundle sharing 9 of its 10 blobs: the share of its bytes that crossed the link
 *      (the device interface's received bytes, headers and heartbeats included);
 *  (3) the centre's peak RSS while 20 agents fetch the same 200 MiB bundle at once, over its idle RSS;
 *  (4) a site bandwidth cap of 1 MB/s: the rate over 60 s, as the agent counted it and on the link.
 * Knobs: BENCH_BUNDLE_AGENTS (20), BENCH_CAP_SECONDS (60), BENCH_BUNDLE_BLOBS (10), BENCH_BUNDLE_BLOB_MIB (20),
 * BENCH_BUNDLE_PARTS (1,2,3,4: which figures to measure).
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { BundleView, ClusterSummary } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "../../tests/support/agent";
import { ApiClient } from "../../tests/support/api-client";
import { cliEnv, createAndPushBundle, holding, tempDir, writeRandomFile } from "../../tests/support/bundles";
import { ADMIN_PASSWORD, startCentre } from "../../tests/support/centre";
import { eventually } from "../../tests/support/eventually";
import { sleep, startFaultCentre } from "../../tests/support/fault-fixtures";
import { createDevice, destroyAllDevices, requireHubNamespace } from "../../tests/support/netns";
import { createTestDatabase } from "../../tests/support/test-database";
import { deviceRxBytes } from "./bundle/device-rx-bytes";
import { rssOf, sampleRss } from "./bundle/rss-sampler";
import { startScpTarget } from "./bundle/scp-baseline";
import { watchProgress } from "./bundle/watch-progress";

const MiB = 1024 * 1024;
const AGENTS = Number(process.env.BENCH_BUNDLE_AGENTS ?? 20);
const CAP_SECONDS = Number(process.env.BENCH_CAP_SECONDS ?? 60);
const BLOBS = Number(process.env.BENCH_BUNDLE_BLOBS ?? 10);
const BLOB_BYTES = Number(process.env.BENCH_BUNDLE_BLOB_MIB ?? 20) * MiB;
const CAP = 1_000_000;
const PARTS = new Set((process.env.BENCH_BUNDLE_PARTS ?? "1,2,3,4").split(",").map((p) => p.trim()));
const LONG = 45 * 60_000;

const work = tempDir("bench-bundle");
const figures: Record<string, string> = {};
const report = (key: string, value: string) => {
  figures[key] = value;
  console.log(`  ${key}: ${value}`);
};

async function pushBundle(cli: Record<string, string>, admin: ApiClient, name: string, files: string[]): Promise<BundleView> {
  const dir = join(work, `bundle-${name}-${Date.now()}`);
  const bundle = await createAndPushBundle(admin, cli, name, dir, files.flatMap((f) => ["--images", f]));
  rmSync(dir, { recursive: true, force: true });
  return bundle;
}

/**
 * After a long pause (an scp run) the API client's kept-alive connection may have been closed by
 * the centre's 5 s keep-alive timeout just as it is reused ("other side closed"): spend it on a
 * harmless GET so that the next, non-idempotent call starts on a fresh connection.
 */
async function dropIdleConnection(admin: ApiClient): Promise<void> {
  await admin.call("GET", "/api/v1/me").catch(() => undefined);
}

async function linkFigures(files: string[], extra: string, capFile: string): Promise<void> {
  const fc = await startFaultCentre({ heartbeatTimeoutMs: 30_000, env: { OUTPOST_BLOB_DIR: join(work, "centre-blobs") } });
  let agent: AgentProcess | undefined;
  try {
    const cli = await cliEnv(fc.centre.url, fc.admin);
    const a = await pushBundle(cli, fc.admin, "bench-a", files);
    const b = await pushBundle(cli, fc.admin, "bench-b", [...files.slice(0, -1), extra]);
    const c = await pushBundle(cli, fc.admin, "bench-cap", [capFile]);

    const device = await createDevice(31);
    await device.degrade({ lossPercent: 5, delayMs: 20 });
    const scp = await startScpTarget(device);
    const token = await fc.token("bench-device");
    agent = startAgent({ server: fc.urlFor(device), registrationToken: token, simulate: "bench-device", netns: device.name, stateDir: join(work, "device-agent") });
    const clusterId = await fc.clusterId("bench-device", 120_000);
    await eventually(() => fc.detail(clusterId), (d) => d.status !== "pending" && d.status !== "offline", "device agent connected", 120_000);

    console.log(`(1) ${(a.totalBytes / MiB).toFixed(0)} MiB over a link with 5 % loss and 20 ms delay each way`);
    const scpFirst = await scp.copy(files);
    console.log(`    scp: ${scpFirst.toFixed(1)} s`);
    await dropIdleConnection(fc.admin);
    const progress = await watchProgress(fc.centre.url, cli.OUTPOST_TOKEN);
    const started = performance.now();
    await fc.admin.ok("POST", `/api/v1/bundles/${a.id}/assignments`, { clusterId });
    await eventually(async () => progress.latest(a.id, clusterId), (p) => (p?.bytesFetched ?? 0) >= a.totalBytes, "bundle A's last byte arrived", LONG);
    const lastByte = (performance.now() - started) / 1000;
    await eventually(() => holding(fc.admin, a.id, clusterId), (h) => h?.state === "installed", "bundle A installed over the degraded link", LONG);
    const tunnel = (performance.now() - started) / 1000;
    progress.close();
    console.log(`    tunnel: ${tunnel.toFixed(1)} s (assignment to installed; last byte after ${lastByte.toFixed(1)} s)`);
    const scpSecond = await scp.copy(files);
    console.log(`    scp again: ${scpSecond.toFixed(1)} s`);
    const scpMean = (scpFirst + scpSecond) / 2;
    report("tunnel_vs_scp", `${(scpMean / tunnel).toFixed(2)} (scp ${scpMean.toFixed(1)} s mean of 2, tunnel ${tunnel.toFixed(1)} s, ${(a.totalBytes / MiB / tunnel).toFixed(2)} MiB/s)`);
    await scp.stop();

    if (!PARTS.has("2") && !PARTS.has("4")) return;
    console.log(`(2) bundle B shares ${BLOBS - 1} of its ${BLOBS} blobs with A`);
    await dropIdleConnection(fc.admin);
    const rx0 = await deviceRxBytes(device);
    await fc.admin.ok("POST", `/api/v1/bundles/${b.id}/assignments`, { clusterId });
    const hb = await eventually(() => holding(fc.admin, b.id, clusterId), (h) => h?.state === "installed", "bundle B installed", LONG);
    const rx = (await deviceRxBytes(device)) - rx0;
    report("delta_link_share", `${((rx / b.totalBytes) * 100).toFixed(1)} % of B's ${(b.totalBytes / MiB).toFixed(0)} MiB crossed the link (payload ${((hb!.bytesFetched / b.totalBytes) * 100).toFixed(1)} %)`);

    if (!PARTS.has("4")) return;
    console.log(`(4) site cap ${CAP} bytes/s, measured over ${CAP_SECONDS} s (clean link)`);
    await device.clearDegrade();
    await fc.admin.ok("PATCH", `/api/v1/sites/${(await fc.admin.cluster(clusterId)).siteId}`, { bandwidthCapBytesPerSec: CAP });
    await fc.admin.ok("POST", `/api/v1/bundles/${c.id}/assignments`, { clusterId });
    const live = await watchProgress(fc.centre.url, cli.OUTPOST_TOKEN);
    try {
      await eventually(async () => live.latest(c.id, clusterId), (p) => (p?.bytesFetched ?? 0) > 0, "capped transfer started", 60_000);
      await sleep(5_000);
      const p0 = live.latest(c.id, clusterId)!;
      const l0 = await deviceRxBytes(device);
      const t0 = performance.now();
      await sleep(CAP_SECONDS * 1000);
      const p1 = live.latest(c.id, clusterId)!;
      const linkRate = ((await deviceRxBytes(device)) - l0) / ((performance.now() - t0) / 1000);
      // The agent's own byte count and the time it reported it: no polling error.
      const secs = (Date.parse(p1.updatedAt!) - Date.parse(p0.updatedAt!)) / 1000;
      const payloadRate = (p1.bytesFetched - p0.bytesFetched) / secs;
      report("cap_1MBps", `payload ${(payloadRate / 1e6).toFixed(3)} MB/s (${(((payloadRate - CAP) / CAP) * 100).toFixed(1)} % off the cap) over ${secs.toFixed(1)} s; link ${(linkRate / 1e6).toFixed(3)} MB/s with headers and heartbeats`);
    } finally {
      live.close();
    }
  } finally {
    await agent?.kill();
    await destroyAllDevices();
    await fc.close();
  }
}

async function rssFigure(files: string[]): Promise<void> {
  console.log(`(3) ${AGENTS} agents fetch the same bundle at once`);
  const db = await createTestDatabase();
  const centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_BLOB_DIR: join(work, "rss-blobs"), OUTPOST_AGENT_HEARTBEAT_TIMEOUT_MS: "60000" } });
  const agents: AgentProcess[] = [];
  try {
    const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    const cli = await cliEnv(centre.url, admin);
    const a = await pushBundle(cli, admin, "bench-rss", files);
    const site = await admin.createSite("bench-rss");
    for (let i = 0; i < AGENTS; i++) {
      const { token } = await admin.createRegistrationToken(site.id, `bench-rss-${i}`, { bench: "rss" });
      agents.push(startAgent({ server: centre.url, registrationToken: token, simulate: `bench-rss-${i}`, stateDir: join(work, `rss-agent-${i}`), env: { OUTPOST_LOG_LEVEL: "warn" } }));
    }
    await eventually(() => admin.clusters(), (cs: ClusterSummary[]) => cs.filter((c) => c.status !== "offline" && c.status !== "pending").length === AGENTS, "agents online", 180_000);
    await sleep(10_000);
    const pid = centre.process.child.pid!;
    const disconnectsBefore = centre.process.output().split("agent disconnected").length;
    const idleSamples: number[] = [];
    for (let i = 0; i < 10; i++) {
      idleSamples.push(rssOf(pid));
      await sleep(500);
    }
    const idle = idleSamples.reduce((x, y) => x + y, 0) / idleSamples.length;
    const sampler = sampleRss(pid, 100);
    const started = performance.now();
    await admin.ok("POST", `/api/v1/bundles/${a.id}/assignments`, { selector: "bench=rss" });
    await eventually(
      () => admin.ok<{ installedClusters: number }>("GET", `/api/v1/bundles/${a.id}`),
      (d) => d.installedClusters === AGENTS,
      "every agent installed the bundle",
      LONG,
    );
    sampler.stop();
    const seconds = (performance.now() - started) / 1000;
    const disconnects = centre.process.output().split("agent disconnected").length - disconnectsBefore;
    report(
      "centre_rss",
      `peak ${(sampler.peak() / MiB).toFixed(0)} MiB vs idle ${(idle / MiB).toFixed(0)} MiB: +${((sampler.peak() - idle) / MiB).toFixed(0)} MiB while ${AGENTS} agents fetched ${(a.totalBytes / MiB).toFixed(0)} MiB each (${((AGENTS * a.totalBytes) / MiB / seconds).toFixed(0)} MiB/s served, ${seconds.toFixed(0)} s, ${disconnects} agent disconnect(s) meanwhile)`,
    );
  } finally {
    await Promise.all(agents.map((x) => x.stop()));
    await centre.stop();
    await db.drop();
  }
}

async function main(): Promise<void> {
  requireHubNamespace();
  console.log(`bench:bundle — ${BLOBS} × ${BLOB_BYTES / MiB} MiB blobs; files in ${work}`);
  const files: string[] = [];
  for (let i = 0; i < BLOBS; i++) files.push(await writeRandomFile(join(work, `images-${i}.tar`), BLOB_BYTES));
  const extra = await writeRandomFile(join(work, "images-new.tar"), BLOB_BYTES);
  const capFile = await writeRandomFile(join(work, "images-capped.tar"), Math.ceil(CAP * (CAP_SECONDS + 30)));
  if (PARTS.has("1") || PARTS.has("2") || PARTS.has("4")) await linkFigures(files, extra, capFile);
  if (PARTS.has("3")) await rssFigure(files);
  console.log(JSON.stringify({ bench: "bundle", at: new Date().toISOString(), figures }));
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(work, { recursive: true, force: true }));
