/**
 * npm run bench:reconnect — how agents come back after the centre was gone:
 *  (a) reconnect spread of a fleet (1,000 agents by default, in a few worker processes running the
 *      real agent connection code) after the centre crashed and restarted: time to 50/90/99/100 %
 *      reconnected, connection attempts per second (peak vs mean), and the centre's CPU and RSS;
 *  (b) for one agent that kept recording while the centre was unreachable: restart → online and
 *      restart → outbox drained.
 * Needs `npm run build`. Prints figures; asserts nothing. Bounded: gives up after BENCH_MAX_MINUTES.
 *
 * Knobs (environment): BENCH_AGENTS (1000), BENCH_WORKERS (4), BENCH_DOWN_SECONDS (5),
 * BENCH_KILL_SIGNAL (SIGKILL|SIGTERM), BENCH_SIM_CHANGE_SECONDS (60, fleet), BENCH_START_SPREAD_SECONDS (10),
 * BENCH_OUTAGE_SECONDS (30, single agent), BENCH_PARTS ("a,b"), BENCH_STATE_DIR (/dev/shm),
 * BENCH_DB_FLEET (postgres) and BENCH_DB_SINGLE (sqlite): the centre's database in (a) and (b).
 * The fleet runs on PostgreSQL by default, the database a fleet of that size would use
 * (BENCH_DB_FLEET=sqlite runs it on SQLite). PostgreSQL comes from OUTPOST_TEST_POSTGRES_URL or a
 * throw-away server (scripts/postgres-server.sh).
 */
import { readFileSync } from "node:fs";
import { benchDatabases, type DatabaseChoice } from "./reconnect/databases";
import { benchFleetRestart } from "./reconnect/fleet-restart";
import { benchSingleAgent } from "./reconnect/single-agent";
import { runCleanup as runCleanupSteps } from "./run-cleanup";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a number ≥ 0`);
  return v;
};
const AGENTS = num("BENCH_AGENTS", 1000);
const WORKERS = Math.max(1, Math.min(AGENTS, num("BENCH_WORKERS", 4)));
const KILL_SIGNAL = process.env.BENCH_KILL_SIGNAL === "SIGTERM" ? "SIGTERM" : "SIGKILL";
const PARTS = new Set((process.env.BENCH_PARTS ?? "a,b").split(","));
const MAX_MINUTES = num("BENCH_MAX_MINUTES", 8);
const dbChoice = (name: string, fallback: DatabaseChoice): DatabaseChoice => {
  const v = process.env[name] ?? fallback;
  if (v !== "sqlite" && v !== "postgres") throw new Error(`${name} must be sqlite or postgres`);
  return v;
};
const DB_FLEET = dbChoice("BENCH_DB_FLEET", "postgres");
const DB_SINGLE = dbChoice("BENCH_DB_SINGLE", "sqlite");
const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
/** The agent's default heartbeat interval (apps/agent/src/cli/parse-args.ts). */
const HEARTBEAT_MS = 5_000;

const cleanup: (() => Promise<void> | void)[] = [];
const progress = (line: string) => process.stderr.write(`[bench:reconnect] ${line}\n`);

const runCleanup = () => runCleanupSteps(cleanup, progress);

async function main(): Promise<void> {
  const started = Date.now();
  const watchdog = setTimeout(() => {
    progress(`still running after ${MAX_MINUTES} minutes: giving up`);
    void runCleanup().finally(() => process.exit(1));
  }, MAX_MINUTES * 60_000);
  watchdog.unref();

  let failed = false;
  const databases = benchDatabases();
  cleanup.push(() => databases.stop());
  console.log(`bench:reconnect — load average at the start ${loadavg()} (2 cores; other work on the machine skews every figure)`);
  try {
    if (PARTS.has("a")) {
      try {
        const lines = await benchFleetRestart({
          agents: AGENTS,
          workers: WORKERS,
          downMs: num("BENCH_DOWN_SECONDS", 5) * 1000,
          killSignal: KILL_SIGNAL,
          changeIntervalMs: num("BENCH_SIM_CHANGE_SECONDS", 60) * 1000,
          heartbeatIntervalMs: HEARTBEAT_MS,
          startSpreadMs: num("BENCH_START_SPREAD_SECONDS", 10) * 1000,
          createDatabase: () => databases.create(DB_FLEET),
          tokenConcurrency: 8,
          registerConcurrencyPerWorker: 4,
          progress,
          cleanup,
        });
        console.log(lines.join("\n"));
      } catch (err) {
        // A fleet the centre cannot hold is a result too; part (b) still runs.
        failed = true;
        console.log(`(a) FAILED: ${err instanceof Error ? err.message : String(err)}`);
      }
      // Everything of part (a) but the PostgreSQL server, which part (b) may use too.
      const keep = cleanup.shift()!;
      await runCleanup();
      cleanup.push(keep);
    }
    if (PARTS.has("b")) {
      const lines = await benchSingleAgent({
        outageMs: num("BENCH_OUTAGE_SECONDS", 30) * 1000,
        changeIntervalMs: 50,
        heartbeatIntervalMs: HEARTBEAT_MS,
        killSignal: KILL_SIGNAL,
        createDatabase: () => databases.create(DB_SINGLE),
        progress,
        cleanup,
      });
      console.log(lines.join("\n"));
    }
  } finally {
    await runCleanup();
    clearTimeout(watchdog);
  }
  console.log(`load average at the end ${loadavg()}`);
  progress(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (failed) process.exitCode = 1;
}

main().catch(async (err: unknown) => {
  console.error(err);
  await runCleanup();
  process.exit(1);
});
