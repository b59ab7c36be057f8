// The centre is killed with SIGKILL while three agents deliver a steady stream of changes, and
// started again on the same database. The agents come back by themselves, and no change is lost
// or stored twice. Run with `bash scripts/fault-tests.sh` (root).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgent, type AgentProcess } from "../support/agent";
import { eventually } from "../support/eventually";
import { sleep, startFaultCentre, type FaultCentre } from "../support/fault-fixtures";
import { createDevice, destroyAllDevices, requireHubNamespace, type Device } from "../support/netns";

interface Edge {
  name: string;
  device: Device;
  agent: AgentProcess;
  clusterId: string;
}

const CENTRE_DOWN_MS = 6_000;
/** Agents redial with full-jitter backoff (1 s base, 60 s cap): bounded, but not short. */
const BACK_ONLINE_WITHIN_MS = 75_000;

describe("centre killed during traffic", () => {
  let fc: FaultCentre;
  const edges: Edge[] = [];

  beforeAll(async () => {
    requireHubNamespace();
    fc = await startFaultCentre({ heartbeatTimeoutMs: 6_000 });
    for (const i of [1, 2, 3]) {
      const name = `edge-cc-${i}`;
      const device = await createDevice(40 + i);
      const token = await fc.token(name);
      const agent = startAgent({ server: fc.urlFor(device), registrationToken: token, simulate: name, netns: device.name, env: { OUTPOST_SIM_CHANGE_INTERVAL_MS: "150" } });
      edges.push({ name, device, agent, clusterId: "" });
    }
    for (const e of edges) e.clusterId = await fc.clusterId(e.name);
    await eventually(
      () => Promise.all(edges.map((e) => fc.detail(e.clusterId))),
      (ds) => ds.every((d) => d.status === "online" && d.changes.length > 0),
      "all three clusters online with changes",
      30_000,
    );
  });

  afterAll(async () => {
    for (const e of edges) await e.agent.kill();
    await destroyAllDevices();
    await fc?.close();
  });

  it("comes back with every agent reconnected by itself and every change stored once", async () => {
    await sleep(3_000);
    const before = await Promise.all(edges.map(async (e) => (await fc.detail(e.clusterId)).changes[0]!.seq));
    const killedAt = Date.now();
    expect(fc.centre.process.child.exitCode, "centre still running before the kill").toBeNull();
    await fc.centre.process.kill();
    await sleep(CENTRE_DOWN_MS);
    // Two of the three devices also lose their link until the centre is back, so their agents
    // certainly cannot reconnect before we look: the restarted centre must call them offline
    // since their last contact (it does not guess). The third shows that a plain centre restart
    // is enough for an agent to come back.
    const [cutA, cutB, free] = edges as [Edge, Edge, Edge];
    await cutA.device.linkDown();
    await cutB.device.linkDown();
    const restartAt = Date.now();
    await fc.centre.restart();
    const restartedMs = Date.now() - restartAt;
    for (const e of [cutA, cutB]) {
      const d = await fc.detail(e.clusterId).catch(async (err: unknown) => {
        const output = fc.centre.process.output().slice(-6000);
        const store = await fc.stopAndOpenStore();
        const sessions = await store.query(`SELECT "userId", "expiresAt" FROM "Session"`).catch((e: unknown) => String(e));
        const users = await store.query(`SELECT "id", "username", "disabled" FROM "User"`).catch((e: unknown) => String(e));
        throw new Error(`${String(err)}\nsessions ${JSON.stringify(sessions)}, users ${JSON.stringify(users)}\n--- centre output after the restart:\n${output}`);
      });
      expect(d.status, e.name).toBe("offline");
      const since = Date.parse(d.offlineSince ?? "");
      // lastSeenAt is saved at least every 5 s of a live connection.
      expect(since, `${e.name} offline since ${d.offlineSince}`).toBeLessThanOrEqual(killedAt);
      expect(since, `${e.name} offline since ${d.offlineSince}`).toBeGreaterThan(killedAt - 7_000);
    }
    await cutA.device.linkUp();
    await cutB.device.linkUp();
    const linksUpAt = Date.now();

    const backAt = new Map<string, number>();
    await eventually(
      async () => {
        for (const e of edges) if (!backAt.has(e.name) && (await fc.detail(e.clusterId)).status === "online") backAt.set(e.name, Date.now());
        return backAt.size;
      },
      (n) => n === edges.length,
      "all clusters online again",
      BACK_ONLINE_WITHIN_MS,
    );
    // The backlog of the outage is delivered: each agent has reported (in a heartbeat) at most a
    // couple of records queued since it came back. Not necessarily 0: a change every ~150 ms keeps
    // one or two in flight on a loaded machine. That nothing is missing is checked below.
    const caughtUp = new Set<string>();
    await eventually(
      async () => {
        for (const e of edges) if (((await fc.detail(e.clusterId)).queuedAtDevice ?? Infinity) <= 3) caughtUp.add(e.name);
        return caughtUp.size;
      },
      (n) => n === edges.length,
      "every outbox drained of its backlog",
      30_000,
    );
    console.log(
      `centre SIGKILLed, down ${CENTRE_DOWN_MS / 1000} s, restarted in ${restartedMs} ms; back online: ` +
        `${free.name} (link kept) ${backAt.get(free.name)! - restartAt - restartedMs} ms after the centre was ready, ` +
        `${cutA.name} ${backAt.get(cutA.name)! - linksUpAt} ms / ${cutB.name} ${backAt.get(cutB.name)! - linksUpAt} ms after their links returned`,
    );

    // Everything each agent made up to now arrives: count its changes, wait for the newest.
    const made = edges.map((e) => e.agent.output().split("simulated change: ").length - 1);
    await eventually(
      () => Promise.all(edges.map((e) => fc.detail(e.clusterId))),
      (ds) => ds.every((d, i) => d.changes.some((c) => c.kind === "SimulatedChange" && Number(c.resourceVersion) >= made[i]!)),
      `the newest changes the agents logged (${made.join(", ")}) at the centre`,
      15_000,
    );
    for (const e of edges) expect(e.agent.child.exitCode, `${e.name} agent still running`).toBeNull();

    const store = await fc.stopAndOpenStore();
    for (const [i, e] of edges.entries()) {
      const rows = await store.changes(e.clusterId);
      const duplicates = await store.duplicateChanges(e.clusterId);
      const cluster = await store.cluster(e.clusterId);
      // No change stored twice (under another seq); the acknowledged sequence covers everything stored.
      expect(duplicates, e.name).toEqual([]);
      expect(cluster.outboxAckedSeq, e.name).toBeGreaterThanOrEqual(rows[rows.length - 1]!.seq);
      expect(rows[rows.length - 1]!.seq, e.name).toBeGreaterThan(before[i]!);
      // Rows come by seq: received in that order means delivered in order.
      for (let j = 1; j < rows.length; j++) expect(rows[j]!.receivedAt.getTime()).toBeGreaterThanOrEqual(rows[j - 1]!.receivedAt.getTime());
      // One agent process throughout: its changes are numbered 1, 2, 3… — none lost, none twice.
      const sim = rows.filter((c) => c.kind === "SimulatedChange");
      expect(sim.length, e.name).toBeGreaterThanOrEqual(made[i]!);
      expect(sim.map((c) => Number(c.resourceVersion)), e.name).toEqual(sim.map((_, k) => k + 1));
      // Changes made while the centre was down were kept on the device and delivered after.
      const meanwhile = sim.filter((c) => c.observedAt.getTime() > killedAt && c.observedAt.getTime() < restartAt);
      expect(meanwhile.length, e.name).toBeGreaterThan(10);
      for (const c of meanwhile) expect(c.receivedAt.getTime()).toBeGreaterThanOrEqual(restartAt);
      console.log(`${e.name}: ${sim.length} changes stored, once each and in order (seq up to ${cluster.outboxAckedSeq} acknowledged), ${meanwhile.length} of them made while the centre was down`);
    }
  });
});
