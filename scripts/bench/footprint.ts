/**
 * npm run bench:footprint — how heavy Outpost is to run:
 *  - centre start time (process spawn → listening), on a fresh database (migrations applied) and an existing one;
 *  - a simulated agent's resident memory (RSS) after it has idled connected for a while.
 * Needs `npm run build`. Prints figures; asserts nothing.
 */
import { readFileSync } from "node:fs";
import { startAgent } from "../../tests/support/agent";
import { ApiClient } from "../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre } from "../../tests/support/centre";
import { eventually } from "../../tests/support/eventually";
import { createTestDatabase } from "../../tests/support/test-database";

const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);

function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return kb / 1024;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const db = await createTestDatabase();
  const starts: { fresh: boolean; wallMs: number; reportedMs: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const centre = await startCentre({ databaseUrl: db.url });
    const wallMs = performance.now() - t0;
    const reportedMs = Number(/in (\d+) ms/.exec(centre.process.output())?.[1]);
    starts.push({ fresh: i === 0, wallMs, reportedMs });
    await centre.stop();
  }

  const centre = await startCentre({ databaseUrl: db.url });
  const admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const site = await admin.createSite("bench-site");
  const { token } = await admin.createRegistrationToken(site.id, "bench-sim");
  const agent = startAgent({ server: centre.url, registrationToken: token, simulate: "bench-sim", env: { OUTPOST_SIM_CHANGE_INTERVAL_MS: "15000" } });
  await eventually(() => admin.clusters(), (cs) => cs[0]?.status === "online", "agent online", 20_000);
  const samples: number[] = [];
  for (let s = 0; s < IDLE_SECONDS; s++) {
    await new Promise((r) => setTimeout(r, 1000));
    if (s >= IDLE_SECONDS / 2) samples.push(rssMiB(agent.child.pid!));
  }
  const centreRss = rssMiB(centre.process.child.pid!);
  await agent.stop();
  await centre.stop();
  await db.drop();

  console.log(`database: ${db.kind}`);
  for (const s of starts) console.log(`centre start (${s.fresh ? "fresh database, migrations applied" : "existing database"}): ${s.wallMs.toFixed(0)} ms spawn→listening, ${s.reportedMs} ms in-process`);
  console.log(`centre start, existing database, median: ${median(starts.filter((s) => !s.fresh).map((s) => s.wallMs)).toFixed(0)} ms`);
  console.log(`agent (simulated) idle RSS after ${IDLE_SECONDS} s connected: median ${median(samples).toFixed(1)} MiB, max ${Math.max(...samples).toFixed(1)} MiB`);
  console.log(`centre RSS with one agent: ${centreRss.toFixed(1)} MiB`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
