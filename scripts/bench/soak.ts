/**
 * npm run bench:soak — the centre under a flood of unauthenticated connections while it serves
 * a fleet and a signed-in user:
 *   - BENCH_SOAK_AGENTS (100) simulated agents, connected (the reconnect bench's fleet: the real
 *     agent connection code in worker processes);
 *   - a signed-in user asking `GET /api/v1/me` every 100 ms;
 *   - BENCH_SOAK_CONNECTIONS (20,000) unauthenticated connections from BENCH_SOAK_SOURCES (100)
 *     loopback addresses, BENCH_SOAK_INFLIGHT (6,000) at once, half upgrade requests, half
 *     slow headers (a child process, see soak/attacker.ts).
 * Prints the user's latency before and during the flood (and their ratio), the centre's open
 * descriptors before, at most and after, what the attackers were answered, and whether every
 * agent stayed online. Targets: p95 under 200 ms, descriptors bounded, agents online.
 * Needs `npm run build`.
 */
import { fork } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre } from "../../tests/support/centre";
import { openDescriptors } from "../../tests/support/process-descriptors";
import { createTestDatabase } from "../../tests/support/test-database";
import { Fleet } from "./reconnect/fleet";
import { mapLimit, percentile, seconds, sleep } from "./reconnect/stats";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 1) throw new Error(`${name} must be a number ≥ 1`);
  return v;
};
const AGENTS = num("BENCH_SOAK_AGENTS", 100);
const CONNECTIONS = num("BENCH_SOAK_CONNECTIONS", 20_000);
const INFLIGHT = num("BENCH_SOAK_INFLIGHT", 6_000);
const SOURCES = Math.min(250, num("BENCH_SOAK_SOURCES", 100));
const P95_TARGET_MS = 200;
const progress = (line: string) => process.stderr.write(`[bench:soak] ${line}\n`);
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const ms = (v: number) => `${v.toFixed(0)} ms`;

async function main(): Promise<void> {
  const cleanup: (() => Promise<void> | void)[] = [];
  try {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const centre = await startCentre({ databaseUrl: db.url });
    cleanup.push(() => centre.stop());
    const pid = centre.process.child.pid!;
    const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
    const metrics = async () => (await admin.ok<{ agentsConnected: number }>("GET", "/api/v1/metrics")).agentsConnected;

    progress(`connecting ${AGENTS} simulated agents…`);
    const site = await admin.createSite("soak");
    const names = Array.from({ length: AGENTS }, (_, i) => `soak-${String(i).padStart(3, "0")}`);
    const tokens = await mapLimit(names, 8, (name) => admin.createRegistrationToken(site.id, name));
    const stateRoot = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "outpost-bench-soak-"));
    cleanup.push(() => rmSync(stateRoot, { recursive: true, force: true }));
    const fleet = Fleet.start({
      workers: 2,
      server: centre.url,
      stateRoot,
      agents: names.map((name, index) => ({ index, name, registrationToken: tokens[index]!.token })),
      registerConcurrencyPerWorker: 10,
      changeIntervalMs: 60_000,
      heartbeatIntervalMs: 5_000,
    });
    cleanup.push(() => fleet.kill());
    cleanup.push(() => fleet.stop());
    await fleet.register(180_000);
    await fleet.startAgents(5_000, 60_000);
    const deadline = Date.now() + 120_000;
    while ((await metrics()) < AGENTS) {
      if (Date.now() > deadline) throw new Error(`only ${await metrics()} of ${AGENTS} agents connected`);
      await sleep(500);
    }

    // The signed-in user: one request every 100 ms, over its own kept-alive connection.
    const latencies: { t: number; ms: number }[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t = performance.now();
        const res = await admin.call("GET", "/api/v1/me").catch(() => null);
        latencies.push({ t, ms: res?.status === 200 ? performance.now() - t : Number.POSITIVE_INFINITY });
        await sleep(100);
      }
    })();
    let maxFds = 0;
    const fdSampler = setInterval(() => (maxFds = Math.max(maxFds, openDescriptors(pid))), 100);

    progress("baseline: 10 s of the signed-in user alone…");
    await sleep(10_000);
    const fdsBefore = openDescriptors(pid);
    const floodStart = performance.now();
    progress(`flood: ${CONNECTIONS} connections, ${INFLIGHT} at once, from ${SOURCES} addresses (load ${loadavg()})…`);
    const attacker = fork(join(dirname(fileURLToPath(import.meta.url)), "soak/attacker.ts"), [], { execArgv: ["--import", "tsx"] });
    cleanup.push(() => void attacker.kill("SIGKILL"));
    const attack = new Promise<{ outcomes: Record<string, number>; ms: number; maxOpen: number }>((resolve, reject) => {
      attacker.once("message", (m) => resolve(m as { outcomes: Record<string, number>; ms: number; maxOpen: number }));
      attacker.once("exit", (code) => reject(new Error(`the attacker exited (${code}) without a report`)));
    });
    maxFds = 0;
    attacker.send({ port: centre.port, total: CONNECTIONS, inflight: INFLIGHT, sources: SOURCES });
    const result = await attack;
    const floodEnd = performance.now();
    const agentsAfterFlood = await metrics();
    await sleep(12_000);
    probing = false;
    await probe;
    clearInterval(fdSampler);
    const fdsAfter = openDescriptors(pid);
    const agentsAfter = await metrics();

    const before = latencies.filter((l) => l.t < floodStart).map((l) => l.ms);
    const during = latencies.filter((l) => l.t >= floodStart && l.t <= floodEnd).map((l) => l.ms);
    const failed = during.filter((v) => !Number.isFinite(v)).length;
    const p95During = percentile(during, 95);
    const p95Before = percentile(before, 95);
    const lines = [
      `bench:soak — ${AGENTS} agents connected, a signed-in user, ${CONNECTIONS} unauthenticated connections (half upgrades, half slow headers) from ${SOURCES} addresses, ${INFLIGHT} at once (load ${loadavg()})`,
      `  flood lasted ${seconds(floodEnd - floodStart)}; attacker held at most ${result.maxOpen} connections open`,
      `  signed-in GET /api/v1/me: before p50 ${ms(percentile(before, 50))} p95 ${ms(p95Before)}; during p50 ${ms(percentile(during, 50))} p95 ${ms(p95During)} max ${ms(Math.max(...during))} (${during.length} requests, ${failed} failed); p95 ratio ${(p95During / p95Before).toFixed(1)}×`,
      `  centre descriptors: before ${fdsBefore}, at most ${maxFds} during, ${fdsAfter} after (process limit ${readFileSync(`/proc/${pid}/limits`, "utf8").match(/Max open files\s+(\d+)/)?.[1]})`,
      `  agents online: ${AGENTS} before, ${agentsAfterFlood} at the end of the flood, ${agentsAfter} after`,
      `  what the attackers got:`,
      ...Object.entries(result.outcomes)
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `    ${String(n).padStart(6)} × ${k}`),
      `  targets: p95 during < ${P95_TARGET_MS} ms: ${p95During < P95_TARGET_MS && failed === 0 ? "met" : "MISSED"}; descriptors bounded: ${maxFds < 6_000 ? "met" : "MISSED"}; agents online: ${agentsAfterFlood === AGENTS && agentsAfter === AGENTS ? "met" : "MISSED"}`,
    ];
    console.log(lines.join("\n"));
  } finally {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
