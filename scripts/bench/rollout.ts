/**
 * npm run bench:rollout — the centre planning and dispatching one rollout to a big fleet:
 *  - plan: POST /api/v1/rollouts for every cluster (selector resolved, waves planned, targets
 *    saved) and, in-process, planRolloutWaves alone;
 *  - dispatch: from the rollout's creation until every online cluster's desired state carries
 *    the HelmChart (no target queued any more), then until every cluster reported it healthy;
 *  - the centre's peak RSS meanwhile.
 * Baseline, same run: the operator API setting the same HelmChart on clusters one by one.
 * Clusters are simulated agents running the real agent modules in worker processes (as in
 * bench:reconnect). Needs `npm run build` and the test helm (scripts/testcluster.sh build).
 *
 * Knobs: BENCH_CLUSTERS (2000), BENCH_WORKERS (4), BENCH_BASELINE_CLUSTERS (100),
 * BENCH_SIM_CHANGE_SECONDS (60: also how long simulated workloads take to become Ready), BENCH_MAX_MINUTES (15).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planRolloutWaves, type ChartDetail, type RolloutDetail, type RolloutSummary } from "@outpost/cluster-core";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre } from "../../tests/support/centre";
import { packageTestChart } from "../../tests/support/helm-charts";
import { createTestDatabase } from "../../tests/support/test-database";
import { Fleet } from "./reconnect/fleet";
import { mapLimit, seconds, sleep, startSampler } from "./reconnect/stats";
import { runCleanup as runCleanupSteps } from "./run-cleanup";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number ≥ 0`);
  return v;
};
const CLUSTERS = num("BENCH_CLUSTERS", 2000);
const WORKERS = Math.max(1, num("BENCH_WORKERS", 4));
const BASELINE = Math.min(CLUSTERS, num("BENCH_BASELINE_CLUSTERS", 100));
const MAX_MINUTES = num("BENCH_MAX_MINUTES", 15);
const progress = (line: string) => process.stderr.write(`[bench:rollout] ${line}\n`);
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const cleanup: (() => Promise<void> | void)[] = [];
const peakRssMiB = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]) / 1024;

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    progress(`still running after ${MAX_MINUTES} minutes: giving up`);
    void runCleanup().finally(() => process.exit(1));
  }, MAX_MINUTES * 60_000);
  watchdog.unref();
  console.log(`bench:rollout — ${CLUSTERS} simulated clusters; load average at the start ${loadavg()} (2 cores; other work skews every figure)`);

  const db = await createTestDatabase();
  cleanup.push(() => db.drop());
  // Every simulated agent dials from 127.0.0.1: the per-address limit on connections that have
  // not shown a credential yet (256, meant for one hostile source) would pace the whole fleet.
  const centre = await startCentre({ databaseUrl: db.url, env: { OUTPOST_ROLLOUT_TICK_MS: "1000", OUTPOST_UNAUTHENTICATED_CONNECTIONS_PER_ADDRESS: String(CLUSTERS + 100) } });
  cleanup.push(() => centre.stop());
  const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const site = await admin.createSite("bench-rollout");
  const names = Array.from({ length: CLUSTERS }, (_, i) => `shop-${String(i).padStart(4, "0")}`);
  progress(`registering and connecting ${CLUSTERS} agents…`);
  const tokens = await mapLimit(names, 8, (name) => admin.createRegistrationToken(site.id, name, { tier: "shop" }));
  const stateRoot = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "outpost-bench-rollout-"));
  cleanup.push(() => rmSync(stateRoot, { recursive: true, force: true }));
  const fleet = Fleet.start({
    workers: WORKERS,
    server: centre.url,
    stateRoot,
    agents: names.map((name, index) => ({ index, name, registrationToken: tokens[index]!.token })),
    registerConcurrencyPerWorker: 4,
    changeIntervalMs: num("BENCH_SIM_CHANGE_SECONDS", 60) * 1000,
    heartbeatIntervalMs: 5_000,
  });
  cleanup.push(() => fleet.kill());
  cleanup.push(() => fleet.stop());
  await fleet.register(300_000);
  await fleet.startAgents(10_000, 120_000);
  for (;;) {
    // While 2,000 agents connect and send their first snapshots the centre can be too busy to
    // answer within the client's timeout: a missed poll is retried, not fatal.
    const connected = await admin.ok<{ agentsConnected: number }>("GET", "/api/v1/metrics").then(
      (m) => m.agentsConnected,
      (err: unknown) => (progress(`  metrics not answered (${String(err)}); asking again`), -1),
    );
    if (connected >= CLUSTERS) break;
    if (connected >= 0) progress(`  ${connected} connected`);
    await sleep(3_000);
  }
  await sleep(5_000);

  const chartFile = packageTestChart({ name: "pos", version: "1.0.0", deployments: [{ name: "api", replicas: 1 }] });
  const chart = await admin.ok<ChartDetail>("POST", "/api/v1/charts", { archiveBase64: chartFile.bytes.toString("base64") });

  // Baseline: the same HelmChart through the operator's desired-state API, one cluster at a time.
  const clusters = await admin.clusters();
  const manifest = { apiVersion: "helm.cattle.io/v1", kind: "HelmChart", metadata: { name: "baseline", namespace: "kube-system" }, spec: { chartContent: chartFile.bytes.toString("base64"), targetNamespace: "baseline" } };
  let t = performance.now();
  for (const c of clusters.slice(0, BASELINE)) await admin.ok("PUT", `/api/v1/clusters/${c.id}/desired-state`, { manifests: [manifest] });
  const baselinePerClusterMs = (performance.now() - t) / BASELINE;
  progress(`baseline: ${BASELINE} operator desired-state updates, ${baselinePerClusterMs.toFixed(1)} ms each`);

  t = performance.now();
  const plan = planRolloutWaves(clusters.map((c) => ({ clusterId: c.id, name: c.name, siteId: c.siteId, online: true })), { mode: "count", count: 5 }, { unit: "percent", value: 10 });
  const pureMs = performance.now() - t;

  const sampler = startSampler(() => [centre.process.child.pid!], 250);
  cleanup.push(() => sampler.stop());
  const t0 = Date.now();
  const created = await admin.ok<RolloutDetail>("POST", "/api/v1/rollouts", {
    chartId: chart.id,
    targetNamespace: "pos",
    selector: "tier=shop",
    valuesContent: "replicaCount: 1\n",
    strategy: { canary: { mode: "none" }, waveSize: { unit: "percent", value: 100 }, failureBudget: CLUSTERS, healthTimeoutSeconds: 1800, respectMaintenanceWindows: false },
  });
  const planMs = Date.now() - t0;
  progress(`rollout created (planned, ${created.total} targets saved) in ${planMs} ms; waiting for dispatch…`);
  let dispatchedMs = 0;
  let healthyMs = 0;
  for (;;) {
    const r = (await admin.ok<RolloutSummary[]>("GET", "/api/v1/rollouts")).find((x) => x.id === created.id)!;
    const now = Date.now() - t0;
    if (!dispatchedMs && r.counts.queued === 0) {
      dispatchedMs = now;
      progress(`  every cluster's desired state updated after ${seconds(now)}`);
    }
    if (r.counts.healthy + r.counts.failed === r.total) {
      healthyMs = now;
      progress(`  ${r.counts.healthy} healthy, ${r.counts.failed} failed after ${seconds(now)}`);
      break;
    }
    if (now % 10_000 < 500) progress(`  ${seconds(now)}: ${JSON.stringify(r.counts)}`);
    await sleep(250);
  }
  sampler.stop();
  const rss = sampler.samples.get(centre.process.child.pid!) ?? [];
  const rolloutPeak = Math.max(...rss.map((s) => s.rssMiB));

  const lines = [
    `plan (POST /api/v1/rollouts: selector, waves, ${CLUSTERS} targets saved): ${planMs} ms (target < 2,000 ms); planRolloutWaves alone: ${pureMs.toFixed(1)} ms`,
    `dispatch: every online cluster's desired state updated ${seconds(dispatchedMs)} after the rollout was created (target < 10 s)`,
    `  = ${((dispatchedMs / CLUSTERS) * 1000).toFixed(0)} µs per cluster vs ${(baselinePerClusterMs * 1000).toFixed(0)} µs per cluster through the operator API one by one (baseline): ${(baselinePerClusterMs / (dispatchedMs / CLUSTERS)).toFixed(1)}× faster`,
    `all ${CLUSTERS} clusters healthy (agents applied it, simulated workloads Ready, reports evaluated) after ${seconds(healthyMs)} (simulated workloads take ${num("BENCH_SIM_CHANGE_SECONDS", 60) / 4}–${(num("BENCH_SIM_CHANGE_SECONDS", 60) * 3) / 4} s)`,
    `centre RSS: peak ${rolloutPeak.toFixed(0)} MiB during the rollout, ${peakRssMiB(centre.process.child.pid!).toFixed(0)} MiB peak since start (VmHWM)`,
  ];
  console.log(lines.join("\n"));
  void plan;
}

const runCleanup = () => runCleanupSteps(cleanup, progress);

main()
  .then(runCleanup)
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    console.error(err);
    await runCleanup();
    process.exit(1);
  });
