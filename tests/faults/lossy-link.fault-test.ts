// A simulated cluster's agent on a slow and on a lossy link (the link relay drops and delays
// frames): the centre's status follows the heartbeats (degraded, not offline), the outbox keeps
// flowing, and once the link is clean again the cluster is online with nothing queued, every
// change delivered once and in order. Run with `bash scripts/fault-tests.sh` (root).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgent, type AgentProcess } from "../support/agent";
import { eventually } from "../support/eventually";
import { describeTimeline, longestRun, longestStall, sampleStatus, sleep, startFaultCentre, type FaultCentre, type StatusSample } from "../support/fault-fixtures";
import { createDevice, destroyAllDevices, requireHubNamespace, type Device } from "../support/netns";

const NAME = "edge-lossy";
const LOSSY_WINDOW_MS = 32_000;

describe("slow and lossy links", () => {
  let fc: FaultCentre;
  let device: Device;
  let agent: AgentProcess | undefined;
  let clusterId: string;

  const simulatedChangesLogged = () => agent!.output().split("simulated change: ").length - 1;
  /** The newest change the centre has stored (its outbox acknowledgement also covers snapshots). */
  const newestSeq = async () => (await fc.detail(clusterId)).changes[0]?.seq ?? 0;

  beforeAll(async () => {
    requireHubNamespace();
    fc = await startFaultCentre({ heartbeatTimeoutMs: 6_000 });
    device = await createDevice(21);
    const token = await fc.token(NAME);
    agent = startAgent({ server: fc.urlFor(device), registrationToken: token, simulate: NAME, netns: device.name, env: { OUTPOST_SIM_CHANGE_INTERVAL_MS: "300" } });
    clusterId = await fc.clusterId(NAME);
    await eventually(() => fc.detail(clusterId), (d) => d.status === "online" && d.changes.length > 0, "cluster online with changes", 30_000);
  });

  afterAll(async () => {
    await agent?.kill();
    await destroyAllDevices();
    await fc?.close();
  });

  it("shows a link with 600 ms of delay each way as degraded (heartbeat RTT > 1 s), never offline, and online again once it is fast", async () => {
    const sampler = sampleStatus(fc, clusterId, 200);
    try {
      await device.degrade({ delayMs: 600 });
      const since = Date.now();
      const degraded = await eventually(() => fc.detail(clusterId), (d) => d.status === "degraded", "degraded under 1.2 s round trips", 15_000);
      const degradedMs = Date.now() - since;
      expect(degraded.linkRttMs).toBeGreaterThanOrEqual(1_200);
      const before = await newestSeq();
      await sleep(5_000);
      // Slow, but working: the outbox still drains.
      expect(await newestSeq()).toBeGreaterThan(before);
      await device.clearDegrade();
      const cleared = Date.now();
      await eventually(() => fc.detail(clusterId), (d) => d.status === "online", "online after the delay is gone", 15_000);
      const recoveredMs = Date.now() - cleared;
      const window = sampler.between(since);
      expect(window.filter((s) => s.status === "offline"), describeTimeline(window)).toEqual([]);
      console.log(`delay 600 ms/direction: degraded after ${degradedMs} ms (RTT ${degraded.linkRttMs} ms), online ${recoveredMs} ms after the delay was removed; ${describeTimeline(window)}`);
    } finally {
      await device.clearDegrade();
      await sampler.stop();
    }
  });

  it("keeps delivering over 20 % loss + 300 ms delay, converges, and drains once the link is clean", async () => {
    const statsBefore = await device.linkStats();
    const reconnectsBefore = (agent!.output().match(/"level":"warn"[^\n]*"msg":"disconnected; reconnecting"/g) ?? []).length;
    const sampler = sampleStatus(fc, clusterId, 250);
    let window: StatusSample[];
    try {
      await device.degrade({ lossPercent: 20, delayMs: 300 });
      const start = Date.now();
      await sleep(LOSSY_WINDOW_MS);
      window = sampler.between(start);
    } finally {
      await device.clearDegrade();
    }
    const cleared = Date.now();
    const stats = await device.linkStats();
    const dropped = stats.toDevice.dropped + stats.toHub.dropped - statsBefore.toDevice.dropped - statsBefore.toHub.dropped;
    const reconnects = (agent!.output().match(/"level":"warn"[^\n]*"msg":"disconnected; reconnecting"/g) ?? []).length - reconnectsBefore;

    const online = await eventually(() => fc.detail(clusterId), (d) => d.status === "online" && d.queuedAtDevice === 0, "online with nothing queued after the link is clean", 75_000);
    const onlineMs = Date.now() - cleared;
    await sampler.stop();

    const count = (status: string) => window.filter((s) => s.status === status).length;
    const rtts = window.map((s) => s.linkRttMs).filter((v): v is number => v !== null);
    const maxRtt = Math.max(0, ...rtts);
    const first = window[0]!;
    const last = window[window.length - 1]!;
    console.log(
      `loss 20 % + 300 ms/direction for ${LOSSY_WINDOW_MS / 1000} s: ${dropped} frames dropped, ${reconnects} agent reconnect(s); ` +
        `status samples online ${count("online")}, degraded ${count("degraded")}, offline ${count("offline")} (longest offline ${(longestRun(window, "offline") / 1000).toFixed(1)} s); ` +
        `max heartbeat RTT seen ${maxRtt} ms; newest stored seq ${first.newestSeq} → ${last.newestSeq}, longest stretch without a new change ${(longestStall(window) / 1000).toFixed(1)} s; ` +
        `online with 0 queued ${onlineMs} ms after the link was cleaned; ${describeTimeline(window)}`,
    );

    expect(dropped).toBeGreaterThan(0);
    expect(agent!.child.exitCode, "agent still running").toBeNull();
    // Records keep arriving throughout (a new change every ~300 ms at the device), not just in a
    // burst at the start: a stall lasts at most as long as a reconnect (3 missed beats, backoff).
    expect(last.newestSeq).toBeGreaterThan(first.newestSeq + 30);
    expect(longestStall(window), describeTimeline(window)).toBeLessThan(20_000);
    // The centre's view converges on "connected": offline only while the agent redials.
    expect(longestRun(window, "offline"), describeTimeline(window)).toBeLessThan(20_000);
    expect(count("offline"), describeTimeline(window)).toBeLessThan(window.length / 2);
    // 20 % loss each way over ~30 one-second heartbeats (TCP resends a lost frame only after its
    // retransmission timeout, on top of 600 ms of round trip) always gives slow or missed beats;
    // the presence rule makes such a link degraded until three good beats in a row.
    expect(count("degraded"), describeTimeline(window)).toBeGreaterThan(0);
    expect(online.queuedAtDevice).toBe(0);

    // Every change the agent made so far reaches the centre, once each, in order: the SimDriver
    // numbers its changes 1, 2, 3… (resourceVersion) within one agent process.
    const made = simulatedChangesLogged();
    await eventually(
      () => fc.detail(clusterId),
      (d) => d.changes.some((c) => c.kind === "SimulatedChange" && Number(c.resourceVersion) >= made),
      `change #${made} (the newest the agent logged) at the centre`,
      15_000,
    );
    const store = await fc.stopAndOpenStore();
    const rows = await store.changes(clusterId);
    const sim = rows.filter((c) => c.kind === "SimulatedChange");
    expect(sim.length).toBeGreaterThanOrEqual(made);
    expect(sim.map((c) => Number(c.resourceVersion))).toEqual(sim.map((_, i) => i + 1));
    expect(await store.duplicateChanges(clusterId)).toEqual([]);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.receivedAt.getTime()).toBeGreaterThanOrEqual(rows[i - 1]!.receivedAt.getTime());
    expect((await store.cluster(clusterId)).outboxAckedSeq).toBeGreaterThanOrEqual(rows[rows.length - 1]!.seq);
  });
});
