/**
 * Part (a): a fleet of agents, all online, sees its centre crash and come back; how do the
 * reconnections spread out?
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { ApiClient } from "../../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../../../tests/support/centre";
import type { TestDatabase } from "../../../tests/support/test-database";
import pg from "pg";
import { Fleet } from "./fleet";
import { cpuBetween, mapLimit, mean, percentile, perSecond, seconds, sleep, startSampler, type ProcSample } from "./stats";

export interface FleetRestartOptions {
  agents: number;
  workers: number;
  downMs: number;
  killSignal: "SIGKILL" | "SIGTERM";
  changeIntervalMs: number;
  heartbeatIntervalMs: number;
  startSpreadMs: number;
  tokenConcurrency: number;
  registerConcurrencyPerWorker: number;
  createDatabase: () => Promise<TestDatabase & { note: string }>;
  progress: (line: string) => void;
  /** Cleanup steps, run in reverse order by the caller whatever happens. */
  cleanup: (() => Promise<void> | void)[];
}

const RESET_AFTER_MS = 30_000; // ReconnectPolicy's stableAfterMs in the connection loop

/** Runs part (a) and returns the report's lines. */
export async function benchFleetRestart(o: FleetRestartOptions): Promise<string[]> {
  const out: string[] = [];
  const db = await o.createDatabase();
  o.cleanup.push(() => db.drop());
  const t0 = performance.now();
  const centre: Centre = await startCentre({ databaseUrl: db.url });
  const firstStartMs = performance.now() - t0;
  o.cleanup.push(() => centre.stop());
  let admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const site = await admin.createSite("bench-fleet");

  o.progress(`creating ${o.agents} registration tokens…`);
  const names = Array.from({ length: o.agents }, (_, i) => `bench-${String(i).padStart(4, "0")}`);
  let t = performance.now();
  const tokens = await mapLimit(names, o.tokenConcurrency, (name) => admin.createRegistrationToken(site.id, name));
  const tokensMs = performance.now() - t;
  o.progress(`  ${o.agents} tokens in ${seconds(tokensMs)}`);

  // Agent state on tmpfs: a real device has a disk of its own; here a thousand agents would
  // otherwise queue their fsyncs on one shared virtual disk.
  const stateRoot = mkdtempSync(join(process.env.BENCH_STATE_DIR ?? (existsSync("/dev/shm") ? "/dev/shm" : tmpdir()), "outpost-bench-reconnect-"));
  o.cleanup.push(() => rmSync(stateRoot, { recursive: true, force: true }));
  const fleet = Fleet.start({
    workers: o.workers,
    server: centre.url,
    stateRoot,
    agents: names.map((name, index) => ({ index, name, registrationToken: tokens[index]!.token })),
    registerConcurrencyPerWorker: o.registerConcurrencyPerWorker,
    changeIntervalMs: o.changeIntervalMs,
    heartbeatIntervalMs: o.heartbeatIntervalMs,
  });
  o.cleanup.push(() => fleet.kill());
  o.cleanup.push(() => fleet.stop());

  o.progress(`registering ${o.agents} agents from ${o.workers} worker processes…`);
  t = performance.now();
  await fleet.register(180_000);
  const registerMs = performance.now() - t;
  o.progress(`  ${o.agents} agents registered in ${seconds(registerMs)}`);

  o.progress(`starting ${o.agents} agents (spread over ${seconds(o.startSpreadMs)})…`);
  const metrics = async () => (await admin.ok<{ agentsConnected: number }>("GET", "/api/v1/metrics")).agentsConnected;
  const startAt = Date.now();
  try {
    await fleet.startAgents(o.startSpreadMs, 120_000);
    await waitForMetrics(metrics, o.agents, 120_000, (n) => o.progress(`  ${n} connected (metrics), ${seconds(Date.now() - startAt)} after start`));
  } catch (err) {
    await diagnose(fleet, centre, o.progress);
    throw err;
  }
  const initialOnlineMs = Date.now() - startAt;
  const firstConnectFailures = fleet.events.filter((e) => e.kind === "attempt-failed").length;

  // Every agent healthy for longer than the policy's reset threshold: each starts from attempt 0,
  // like a fleet that had been online for days.
  const lastConnect = Math.max(...fleet.events.filter((e) => e.kind === "connected").map((e) => e.t));
  const waitStable = lastConnect + RESET_AFTER_MS + 1_000 - Date.now();
  o.progress(`all online after ${seconds(initialOnlineMs)}; holding ${seconds(Math.max(0, waitStable))} so every connection counts as stable…`);
  if (waitStable > 0) await sleep(waitStable);

  const sampler = startSampler(() => [centre.process.child.pid!, ...fleet.pids], 500);
  o.cleanup.push(() => sampler.stop());
  const steadyFrom = Date.now();
  const commits0 = await dbCommits(db);
  await sleep(5_000);
  const steadyCommitsPerSecond = ((await dbCommits(db)) - commits0) / ((Date.now() - steadyFrom) / 1000);
  const oldCentrePid = centre.process.child.pid!;
  const eventsBefore = fleet.events.length;

  o.progress(`${o.killSignal} to the centre; down for ${seconds(o.downMs)}, then restarted…`);
  const tKill = Date.now();
  await (o.killSignal === "SIGKILL" ? centre.process.kill() : centre.process.stop());
  await sleep(Math.max(0, tKill + o.downMs - Date.now()));
  const tLaunch = Date.now();
  await centre.restart();
  const tReady = Date.now();
  const newCentrePid = centre.process.child.pid!;
  const readyLine = /ready on \S+ in (\d+) ms/.exec(centre.process.output());
  const offlineLine = /(\d+) cluster\(s\) marked offline/.exec(centre.process.output());
  admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);

  const reconnectedAt = new Map<number, number>();
  const allBack = () => {
    for (const e of fleet.events.slice(eventsBefore)) if (e.kind === "connected" && e.t > tKill && !reconnectedAt.has(e.agent)) reconnectedAt.set(e.agent, e.t);
    return reconnectedAt.size === o.agents;
  };
  try {
    await fleet.until(allBack, 180_000, `all ${o.agents} agents reconnected`);
  } catch (err) {
    await diagnose(fleet, centre, o.progress);
    throw err;
  }
  const tAgentsBack = Math.max(...reconnectedAt.values());
  const centreAll = await waitForMetrics(metrics, o.agents, 60_000);
  await sleep(3_000); // anything still settling (late disconnects, DB writes) shows up in the samples
  sampler.stop();
  const tEnd = Date.now();

  // ---- figures ----
  const after = fleet.events.slice(eventsBefore).filter((e) => e.t > tKill);
  const fromKill = [...reconnectedAt.values()].map((x) => x - tKill);
  const fromReady = [...reconnectedAt.values()].map((x) => x - tReady);
  const attempts = [...reconnectedAt.entries()].map(([agent, at]) => 1 + after.filter((e) => e.agent === agent && e.kind === "attempt-failed" && e.t <= at).length);
  const refusedWhileDown = after.filter((e) => e.kind === "attempt-failed" && e.t < tReady).length;
  const failedWhileUp = after.filter((e) => e.kind === "attempt-failed" && e.t >= tReady).length;
  const lostAgain = after.filter((e) => e.kind === "disconnected" && e.t > tReady).length;
  const loopEnded = fleet.events.filter((e) => e.kind === "loop-ended");

  const buckets = Math.ceil((tAgentsBack - tKill) / 1000) + 1;
  const dialsAfter = fleet.dials.filter((d) => d >= tKill && d <= tEnd);
  const dialHist = perSecond(dialsAfter, tKill, buckets);
  const connectHist = perSecond([...reconnectedAt.values()], tKill, buckets);
  const readyBucket = Math.floor((tReady - tKill) / 1000);
  const upDials = dialHist.slice(readyBucket);
  const peakUp = Math.max(...upDials);
  const meanUp = mean(upDials);
  const peakAll = Math.max(...dialHist);
  const meanAll = mean(dialHist);

  out.push(`(a) reconnect spread: ${o.agents} agents, centre ${o.killSignal === "SIGKILL" ? "killed (SIGKILL: a crash)" : "stopped (SIGTERM)"}, down ${seconds(o.downMs)}, then restarted on the same port and database`);
  out.push(
    `    set-up: ${o.workers} worker processes × ${Math.ceil(o.agents / o.workers)} agents running the real agent code (runConnectionLoop/connectOnce, ReconnectPolicy: full-jitter backoff, 1 s base, 60 s cap, reset after 30 s); per agent a SimDriver (a change every ~${seconds(o.changeIntervalMs)}), AgentReporter with its own durable Outbox and a Reconciler; heartbeat ${seconds(o.heartbeatIntervalMs)}; agent state on ${stateRoot.startsWith("/dev/shm") ? "tmpfs" : stateRoot}; database ${db.note}; centre and agents share ${cpus().length} CPU cores`,
  );
  out.push(`    centre start, fresh database: ${seconds(firstStartMs)}`);
  out.push(`    registration tokens: ${o.agents} in ${seconds(tokensMs)} (${((o.agents / tokensMs) * 1000).toFixed(0)}/s, ${o.tokenConcurrency} API calls in flight, admin session)`);
  out.push(`    agent registrations (POST /api/v1/agent/register by the agent's own code): ${o.agents} in ${seconds(registerMs)} (${((o.agents / registerMs) * 1000).toFixed(0)}/s, ${o.workers * o.registerConcurrencyPerWorker} in flight)`);
  out.push(`    first start: all ${o.agents} online (GET /api/v1/metrics) ${seconds(initialOnlineMs)} after the first agent started (starts spread over ${seconds(o.startSpreadMs)}); failed first attempts: ${firstConnectFailures}`);
  out.push(
    `    restart: relaunched at kill+${seconds(tLaunch - tKill)}, listening at kill+${seconds(tReady - tKill)} (start took ${seconds(tReady - tLaunch)}; the centre says "in ${readyLine?.[1] ?? "?"} ms"${offlineLine ? `, after marking ${offlineLine[1]} clusters offline` : ""})`,
  );
  out.push(`    reconnected (agent's handshake accepted)   from kill   from listening`);
  for (const p of [50, 90, 99, 100]) out.push(`      ${String(p).padStart(3)} %                                  ${seconds(percentile(fromKill, p)).padStart(8)}   ${seconds(percentile(fromReady, p)).padStart(8)}`);
  out.push(`    centre counts all ${o.agents} connected (metrics poll): listening+${seconds(centreAll - tReady)}`);
  out.push(
    `    attempts per agent after the kill (incl. the successful one): mean ${mean(attempts).toFixed(2)}, p50 ${percentile(attempts, 50)}, max ${Math.max(...attempts)}; refused while down: ${refusedWhileDown}; failed after the centre was listening: ${failedWhileUp}; connections lost again after reconnecting: ${lostAgain}`,
  );
  // Handshakes the centre has not accepted yet: dials since it listens minus accepted connections.
  const waiting = dialHist.map((_, i) => {
    const end = tKill + (i + 1) * 1000;
    return dialsAfter.filter((d) => d >= tReady && d < end).length - [...reconnectedAt.values()].filter((c) => c >= tReady && c < end).length;
  });
  out.push(`    connection attempts per second (TCP dials by the agents; second 0 = the kill; L = the centre listens from this second; waiting = dialled since then but not yet accepted, at the second's end):`);
  const bar = (n: number) => "#".repeat(Math.round((n / Math.max(1, peakAll)) * 50));
  out.push(`        s   dials  accepted  waiting`);
  for (let i = 0; i < dialHist.length; i++) {
    let j = i;
    while (j + 1 < dialHist.length && j + 1 !== readyBucket && dialHist[j + 1] === 0 && connectHist[j + 1] === 0 && dialHist[i] === 0 && connectHist[i] === 0 && i !== readyBucket) j++;
    const label = j > i ? `${i}–${j}` : `${i}${i === readyBucket ? "L" : ""}`;
    out.push(`      ${label.padStart(5)} ${String(dialHist[i]).padStart(6)} ${String(connectHist[i]).padStart(9)} ${String(i >= readyBucket ? Math.max(0, waiting[j]!) : "").padStart(8)}  ${bar(dialHist[i]!)}`);
    i = j;
  }
  out.push(`    spreading: dials while the centre listens peak ${peakUp}/s vs mean ${meanUp.toFixed(1)}/s over listening→100 % (peak/mean ${(peakUp / meanUp).toFixed(1)}); over kill→100 % peak ${peakAll}/s vs mean ${meanAll.toFixed(1)}/s; accepted handshakes peak ${Math.max(...connectHist)}/s; handshakes waiting at the centre peak ${Math.max(0, ...waiting)}`);
  const naiveK = Math.ceil((tReady - tKill) / 5_000);
  const naiveWindow = naiveK * 5 + 1;
  out.push(
    `    naive fleet for comparison (computed, not run): a fixed 5 s retry without jitter would dial ${o.agents} times in the same instant at kill+5 s, +10 s, …; the first of those to find the centre listening is kill+${naiveK * 5} s: ${o.agents} handshakes at once (peak ${o.agents}/s, vs mean ${((o.agents * naiveK) / naiveWindow).toFixed(1)}/s over kill→${naiveWindow} s, and ${o.agents * (naiveK - 1)} refused dials in ${naiveK - 1} bursts before)`,
  );

  const cpu = (pid: number) => cpuBetween(sampler.samples.get(pid) ?? [], tReady, tEnd);
  const before = (sampler.samples.get(oldCentrePid) ?? []).filter((s: ProcSample) => s.t < tKill);
  const steady = before.length >= 2 ? ((before.at(-1)!.cpuSeconds - before[0]!.cpuSeconds) / ((before.at(-1)!.t - before[0]!.t) / 1000)) * 100 : Number.NaN;
  const centreCpu = cpu(newCentrePid);
  const commitsNote = Number.isNaN(steadyCommitsPerSecond) ? "" : `, ${steadyCommitsPerSecond.toFixed(0)} database commits/s (${((steadyCommitsPerSecond / o.agents) * (o.heartbeatIntervalMs / 1000)).toFixed(1)} per agent heartbeat)`;
  out.push(
    `    centre process: before the kill (${o.agents} connected, idle but for heartbeats) ${steady.toFixed(0)} % of one core${commitsNote}, RSS ${before.at(-1)?.rssMiB.toFixed(0) ?? "?"} MiB; listening→100 %+3 s (${seconds(tEnd - tReady)}): ${
      centreCpu ? `${centreCpu.cpuSeconds.toFixed(1)} CPU-s, mean ${centreCpu.avgPct.toFixed(0)} %, peak ${centreCpu.peakPct.toFixed(0)} % (0.5 s samples), RSS peak ${centreCpu.peakRssMiB.toFixed(0)} MiB` : "no samples"
    }`,
  );
  const workerCpu = fleet.pids.map(cpu).filter((x) => x !== null);
  out.push(`    agent workers in the same window: ${workerCpu.reduce((s, x) => s + x.cpuSeconds, 0).toFixed(1)} CPU-s together, RSS ${workerCpu.map((x) => x.peakRssMiB.toFixed(0)).join("/")} MiB`);
  if (loopEnded.length) out.push(`    !! ${loopEnded.length} agents' connection loops ended: ${loopEnded[0]!.detail}`);

  o.progress("stopping the fleet…");
  await fleet.stop();
  const warnings = [...fleet.warnings.entries()].sort((a, b) => b[1] - a[1]);
  out.push(`    agent warnings over the whole run (by kind): ${warnings.length === 0 ? "none" : ""}`);
  for (const [kind, n] of warnings.slice(0, 8)) out.push(`      ${String(n).padStart(6)} × ${kind}`);
  const centreErrors = new Map<string, number>();
  for (const line of centre.process.output().split("\n")) {
    if (!/error|failed/i.test(line)) continue;
    const kind = line.replace(/"time":"[^"]*",/, "").replace(/"cluster":"bench-\d+"/, '"cluster":"<cluster>"').replace(/\d+/g, "#").slice(0, 180);
    centreErrors.set(kind, (centreErrors.get(kind) ?? 0) + 1);
  }
  out.push(`    centre error lines after the restart (by kind): ${centreErrors.size === 0 ? "none" : ""}`);
  for (const [kind, n] of [...centreErrors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) out.push(`      ${String(n).padStart(6)} × ${kind}`);
  await centre.stop();
  return out;
}

/** Transactions committed in a PostgreSQL database so far (pg_stat_database); NaN for SQLite. */
async function dbCommits(db: TestDatabase): Promise<number> {
  if (db.kind !== "postgres") return Number.NaN;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT xact_commit::text AS n FROM pg_stat_database WHERE datname = current_database()");
    return Number(rows[0]?.n);
  } finally {
    await client.end();
  }
}

/** What went wrong, when part (a) fails: the agents' warnings and the end of the centre's log. */
async function diagnose(fleet: Fleet, centre: Centre, progress: (line: string) => void): Promise<void> {
  await fleet.stop();
  progress("agent warnings by kind:");
  for (const [kind, n] of [...fleet.warnings.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10)) progress(`  ${n} × ${kind}`);
  const lines = centre.process.output().split("\n").filter((l) => !/"msg":"agent (connected|disconnected)"/.test(l));
  progress(`centre log, without connect/disconnect lines (last 20):\n${lines.slice(-20).join("\n")}`);
}

/** Polls the centre's agentsConnected until it reaches `n`; returns when (epoch ms). */
async function waitForMetrics(metrics: () => Promise<number>, n: number, timeoutMs: number, report?: (n: number) => void): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last: number | string = "none";
  let reported = Date.now();
  while (Date.now() < deadline) {
    try {
      last = await metrics();
      if (last >= n) return Date.now();
    } catch (err) {
      last = String(err);
    }
    if (report && Date.now() - reported >= 10_000 && typeof last === "number") {
      reported = Date.now();
      report(last);
    }
    await sleep(250);
  }
  throw new Error(`the centre did not count ${n} connected agents within ${timeoutMs} ms (last: ${last})`);
}
