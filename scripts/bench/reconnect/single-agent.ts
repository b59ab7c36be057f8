/**
 * Part (b): one agent keeps recording while its centre is unreachable (the centre process is
 * stopped), then the centre comes back: how long until the cluster is online and the outbox is
 * drained? "Centre unreachable" is not a cut link: connection attempts are refused at once, so
 * the agent notices immediately; the network-fault tests measure a cut link.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ClusterDetail } from "@outpost/cluster-core";
import { ApiClient } from "../../../tests/support/api-client";
import { ADMIN_PASSWORD, startCentre } from "../../../tests/support/centre";
import type { TestDatabase } from "../../../tests/support/test-database";
import { countingLogger, registerSimAgent, startSimAgent } from "./sim-agent";
import { seconds, sleep } from "./stats";

export interface SingleAgentOptions {
  outageMs: number;
  changeIntervalMs: number;
  heartbeatIntervalMs: number;
  killSignal: "SIGKILL" | "SIGTERM";
  createDatabase: () => Promise<TestDatabase & { note: string }>;
  progress: (line: string) => void;
  cleanup: (() => Promise<void> | void)[];
}

export async function benchSingleAgent(o: SingleAgentOptions): Promise<string[]> {
  const out: string[] = [];
  const db = await o.createDatabase();
  o.cleanup.push(() => db.drop());
  const centre = await startCentre({ databaseUrl: db.url });
  o.cleanup.push(() => centre.stop());
  let admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  const site = await admin.createSite("bench-single");
  const { token } = await admin.createRegistrationToken(site.id, "bench-single");

  // On the real disk (every append is fsynced), as on a device.
  const stateDir = mkdtempSync(join(tmpdir(), "outpost-bench-single-"));
  o.cleanup.push(() => rmSync(stateDir, { recursive: true, force: true }));
  const warnings = new Map<string, number>();
  const settings = { server: centre.url, name: "bench-single", stateDir, changeIntervalMs: o.changeIntervalMs, heartbeatIntervalMs: o.heartbeatIntervalMs, log: countingLogger(warnings) };
  const credential = await registerSimAgent(settings, token, AbortSignal.timeout(30_000));
  const connects: number[] = [];
  const failed: number[] = [];
  const agent = await startSimAgent(settings, credential, {
    connected: (t) => connects.push(t),
    attemptEnded: (t, wasConnected) => {
      if (!wasConnected) failed.push(t);
    },
    loopEnded: () => {},
  });
  o.cleanup.push(() => agent.stop());
  const detail = () => admin.ok<ClusterDetail>("GET", `/api/v1/clusters/${credential.clusterId}`);

  o.progress("single agent: waiting until online with changes delivered…");
  await until(async () => {
    const d = await detail();
    return d.status === "online" && d.changes.length > 0;
  }, 30_000, "the agent online with its first changes delivered");
  await sleep(3_000);

  o.progress(`single agent: centre ${o.killSignal === "SIGKILL" ? "killed" : "stopped"} for ${seconds(o.outageMs)} while the agent records a change every ~${o.changeIntervalMs} ms…`);
  const tKill = Date.now();
  await (o.killSignal === "SIGKILL" ? centre.process.kill() : centre.process.stop());
  await sleep(Math.max(0, tKill + o.outageMs - Date.now()));

  // The site goes quiet as the centre comes back, so "drained" has a fixed end: everything
  // recorded during the outage.
  await agent.driver.close();
  const pending = agent.outbox.pending(Number.MAX_SAFE_INTEGER);
  const stats = agent.outbox.stats();
  const targetSeq = stats.highestSeq;
  const changes = pending.filter((r) => r.kind === "change");
  const targetChangeSeq = changes.at(-1)?.seq ?? 0;
  const recordedWhileDown = pending.filter((r) => Date.parse(r.at) >= tKill);
  const failedWhileDown = failed.filter((t) => t > tKill).length;

  const tLaunch = Date.now();
  let agentDrainedAt: number | null = null;
  const drainWatch = setInterval(() => {
    if (agentDrainedAt === null && agent.outbox.stats().ackedSeq >= targetSeq) agentDrainedAt = Date.now();
  }, 5);
  o.cleanup.push(() => clearInterval(drainWatch));
  await centre.restart();
  const tReady = Date.now();
  admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);

  let onlineAt: number | null = null;
  let centreDrainedAt: number | null = null;
  let last: ClusterDetail | null = null;
  const deadline = Date.now() + 150_000;
  while (centreDrainedAt === null || onlineAt === null || agentDrainedAt === null) {
    if (Date.now() > deadline) throw new Error(`single agent: not online and drained 150 s after the restart (last: ${JSON.stringify(last && { status: last.status, queuedAtDevice: last.queuedAtDevice, newest: last.changes[0]?.seq })}, want change seq ${targetChangeSeq})`);
    try {
      last = await detail();
      const now = Date.now();
      if (onlineAt === null && last.status === "online") onlineAt = now;
      if (centreDrainedAt === null && last.queuedAtDevice === 0 && (last.changes[0]?.seq ?? 0) >= targetChangeSeq) centreDrainedAt = now;
    } catch {
      // The centre may still be busy coming up.
    }
    await sleep(50);
  }
  clearInterval(drainWatch);
  const connectedAt = connects.find((t) => t > tKill)!;
  const lastRefused = failed.filter((t) => t > tKill && t < connectedAt).at(-1);
  const drainMs = agentDrainedAt - connectedAt;

  out.push(`(b) one agent, CENTRE UNREACHABLE (centre process ${o.killSignal === "SIGKILL" ? "killed" : "stopped"} and restarted; not a cut link: attempts are refused at once, so the agent sees the loss immediately; the fault tests measure a cut link)`);
  out.push(`    set-up: the real agent code in this process; SimDriver change every ~${o.changeIntervalMs} ms until the restart, then quiet; outbox on disk (${tmpdir()}, fsync per append); heartbeat ${seconds(o.heartbeatIntervalMs)}; database ${db.note}`);
  out.push(`    unreachable for ${seconds(tLaunch - tKill)}: recorded ${recordedWhileDown.length} records meanwhile; queued at the restart ${stats.queued} records (${changes.length} changes, ${pending.length - changes.length} snapshot/other; ${(stats.queuedBytes / 1024).toFixed(0)} KiB), ${stats.droppedChanges} dropped`);
  out.push(`    agent attempts while unreachable: ${failedWhileDown} refused, the last at restart${signed(lastRefused !== undefined ? lastRefused - tLaunch : Number.NaN)}; its next backoff delay then ran until connect`);
  out.push(`    restart (relaunch) → centre listening:                ${seconds(tReady - tLaunch)}`);
  out.push(`    restart → agent connected (handshake accepted):       ${seconds(connectedAt - tLaunch)}   (listening → connected ${seconds(connectedAt - tReady)}: the backoff delay still running)`);
  out.push(`    restart → cluster online at the centre (API poll):    ${seconds(onlineAt - tLaunch)}`);
  out.push(`    restart → outbox drained on the agent (all acked):    ${seconds(agentDrainedAt - tLaunch)}   (connected → drained ${drainMs} ms for ${stats.queued} records)`);
  out.push(
    `    restart → centre shows it drained (queuedAtDevice 0, newest change seq ${targetChangeSeq} present): ${seconds(centreDrainedAt - tLaunch)}   (after the agent drained: ${seconds(centreDrainedAt - agentDrainedAt)}, the wait for the next heartbeat to report the queue)`,
  );
  const warn = [...warnings.entries()].sort((a, b) => b[1] - a[1]);
  out.push(`    agent warnings: ${warn.length === 0 ? "none" : warn.slice(0, 4).map(([k, n]) => `${n} × ${k}`).join("; ")}`);
  await agent.stop();
  await centre.stop();
  return out;
}

const signed = (ms: number) => (Number.isNaN(ms) ? " (none)" : `${ms < 0 ? "−" : "+"}${seconds(Math.abs(ms))}`);

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`single agent: timed out waiting for ${what}`);
}
