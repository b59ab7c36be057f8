// The agent is killed with SIGKILL again and again while its (simulated) cluster changes fast,
// sometimes with the link down so a backlog builds up, sometimes while it is delivering that
// backlog; each time it restarts on the same state dir. Whatever it had durably recorded must
// reach the centre exactly once and in order. Run with `bash scripts/fault-tests.sh` (root).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboxRecord } from "@outpost/cluster-core";
import { startAgent, type AgentProcess } from "../support/agent";
import { readOutboxFiles } from "../support/agent-outbox-files";
import { eventually } from "../support/eventually";
import { sleep, startFaultCentre, type FaultCentre } from "../support/fault-fixtures";
import { createDevice, destroyAllDevices, requireHubNamespace, type Device } from "../support/netns";

const NAME = "edge-crashy";
/** How long each agent process lives before SIGKILL (ms), and whether the link is down meanwhile. */
const LIVES: ReadonlyArray<{ ms: number; linkDown?: boolean }> = [
  { ms: 1_500 },
  { ms: 400 }, // dies while starting up (opening and recovering the outbox)
  { ms: 1_100 },
  { ms: 2_500, linkDown: true },
  { ms: 900, linkDown: true },
  { ms: 3_000, linkDown: true },
  { ms: 250, linkDown: true },
  { ms: 1_700, linkDown: true },
  // The link is back: these die while delivering the backlog.
  { ms: 1_200 },
  { ms: 800 },
  { ms: 2_000 },
  { ms: 350 },
  { ms: 1_300 },
  { ms: 950 },
];

describe("agent killed repeatedly during heavy writes", () => {
  let fc: FaultCentre;
  let device: Device;
  let agent: AgentProcess | undefined;
  let clusterId: string;
  let token: string;
  const stateDir = mkdtempSync(join(tmpdir(), "outpost-agent-crash-"));

  const start = () =>
    (agent = startAgent({
      server: fc.urlFor(device),
      registrationToken: token,
      simulate: NAME,
      stateDir,
      netns: device.name,
      // The fastest the SimDriver allows: a change (and an fsync) every ~100 ms, plus snapshots.
      env: { OUTPOST_SIM_CHANGE_INTERVAL_MS: "100" },
    }));

  beforeAll(async () => {
    requireHubNamespace();
    fc = await startFaultCentre({ heartbeatTimeoutMs: 6_000 });
    device = await createDevice(31);
    token = await fc.token(NAME);
  });

  afterAll(async () => {
    await agent?.kill();
    await destroyAllDevices();
    await fc?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it("loses nothing it recorded and stores nothing twice", async () => {
    /** Every record seen in the outbox files after a kill: seq → record. */
    const durable = new Map<number, OutboxRecord>();
    let starts = 0;
    let ackedByAgent = 0;
    let linkIsDown = false;
    const perKill: string[] = [];

    for (const [i, life] of LIVES.entries()) {
      if (life.linkDown && !linkIsDown) await device.linkDown();
      if (!life.linkDown && linkIsDown) await device.linkUp();
      linkIsDown = Boolean(life.linkDown);
      start();
      starts++;
      // The first life registers the cluster; let it get that far before the clock starts.
      if (i === 0) {
        await agent!.waitFor(/connected to /, 30_000);
        clusterId = await fc.clusterId(NAME);
      }
      await sleep(life.ms);
      // It must die by our hand, not by itself (a crash of its own would be a failure).
      expect(agent!.child.exitCode, `agent exited by itself during life ${i + 1}:\n${agent!.output().slice(-2000)}`).toBeNull();
      await agent!.kill();

      const files = readOutboxFiles(stateDir);
      ackedByAgent = Math.max(ackedByAgent, files.ackedSeq);
      for (const r of files.records) {
        const seen = durable.get(r.seq);
        // A seq, once on disk, always names the same record: never issued twice.
        if (seen) expect(r, `seq ${r.seq} after kill ${i + 1}`).toEqual(seen);
        else durable.set(r.seq, r);
      }
      const pending = files.records.filter((r) => r.seq > files.ackedSeq).length;
      perKill.push(`#${i + 1} ${life.ms} ms${life.linkDown ? ", link down" : ""}: acked ${files.ackedSeq} of ${files.highSeq} issued, ${pending} pending${files.invalidTailBytes ? `, ${files.invalidTailBytes}-byte torn tail` : ""}`);
    }
    const highestChange = Math.max(...[...durable.values()].filter((r) => r.kind === "change").map((r) => r.seq));

    // Last life: link up, runs until the backlog is drained.
    if (linkIsDown) await device.linkUp();
    start();
    starts++;
    const drainStart = Date.now();
    await eventually(
      () => fc.detail(clusterId),
      (d) => d.status === "online" && d.queuedAtDevice === 0 && (d.changes[0]?.seq ?? 0) >= highestChange,
      "online and drained",
      45_000,
    );
    const drainedMs = Date.now() - drainStart;
    await agent!.kill();
    const final = readOutboxFiles(stateDir);
    for (const r of final.records) if (!durable.has(r.seq)) durable.set(r.seq, r);
    const store = await fc.stopAndOpenStore();
    const centre = await store.cluster(clusterId);
    const rows = await store.changes(clusterId);
    console.log(`${LIVES.length} kills:\n  ${perKill.join("\n  ")}\nfinal life drained the backlog in ${drainedMs} ms; centre acked ${centre.outboxAckedSeq}, ${rows.length} change rows, ${durable.size} records seen on disk`);

    // Stored in the order of their seqs (rows come by seq): delivered in order. That no change is
    // stored twice is checked by content below (the resourceVersion runs), not by seq, which a
    // unique index already keeps single.
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.receivedAt.getTime(), `seq ${rows[i]!.seq}`).toBeGreaterThanOrEqual(rows[i - 1]!.receivedAt.getTime());
    }
    expect(centre.outboxAckedSeq).toBeGreaterThanOrEqual(rows[rows.length - 1]!.seq);
    // The agent only ever forgot (acknowledged) what the centre had stored.
    expect(centre.outboxAckedSeq).toBeGreaterThanOrEqual(ackedByAgent);

    // Nothing durably recorded is missing: every change record ever seen on disk, up to what the
    // centre acknowledged (which covers all of the crash lives', see the drain above), is stored
    // with that seq and the same content; seqs seen as snapshots have no change row (the centre
    // applies snapshots and does not log them).
    const bySeq = new Map(rows.map((r) => [r.seq, r]));
    let checkedChanges = 0;
    for (const r of durable.values()) {
      if (r.seq > centre.outboxAckedSeq) continue;
      const stored = bySeq.get(r.seq);
      if (r.kind === "change") {
        expect(stored, `seq ${r.seq} (${r.change.summary}) at the centre`).toBeDefined();
        expect({ ...stored!, observedAt: stored!.observedAt.toISOString() }).toMatchObject({ ...r.change, observedAt: r.at });
        checkedChanges++;
      } else if (r.kind === "snapshot") {
        expect(stored, `seq ${r.seq} is a snapshot`).toBeUndefined();
      }
    }
    expect(checkedChanges).toBeGreaterThan(50);

    // Within one agent process the SimDriver numbers its changes 1, 2, 3… (resourceVersion), and
    // every new process starts again at 1 (same seed, same changes): so the stored changes, in seq
    // order, are runs 1..k with no resourceVersion skipped or repeated inside a run, and at most
    // one run per start. A run may end early: what was not yet on disk at the kill is lost by design.
    const sim = rows.filter((r) => r.kind === "SimulatedChange").map((r) => Number(r.resourceVersion));
    expect(sim[0]).toBe(1);
    const runs: number[] = [];
    for (let i = 0; i < sim.length; i++) {
      if (sim[i] === 1) runs.push(1);
      else {
        expect(sim[i], `resourceVersion after ${sim[i - 1]} (stored change #${i + 1})`).toBe(sim[i - 1]! + 1);
        runs[runs.length - 1]! += 1;
      }
    }
    expect(runs.length).toBeLessThanOrEqual(starts);
    console.log(`stored changes per agent process (resourceVersions 1..k): ${runs.join(", ")}`);
  });
});
