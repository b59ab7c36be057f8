// A device with its own (test) Kubernetes control plane and a real agent loses its link for 60 s,
// and its cluster changes 100 times meanwhile. When the link comes back, every one of those
// changes must reach the centre exactly once and in the order it was made, within a bounded time.
// Run with `bash scripts/fault-tests.sh` (root).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAgent, type AgentProcess } from "../support/agent";
import { eventually } from "../support/eventually";
import { describeTimeline, sampleStatus, sleep, startDeviceCluster, startFaultCentre, type DeviceCluster, type FaultCentre, type StatusSampler } from "../support/fault-fixtures";
import { createDevice, destroyAllDevices, requireHubNamespace, type Device } from "../support/netns";

const LINK_DOWN_MS = 60_000;
const CHANGES = 100;
/** Bounds after the link is back: the agent's reconnect backoff is capped at 60 s (full jitter). */
const ONLINE_WITHIN_MS = 90_000;
const DRAINED_WITHIN_MS = 30_000;

describe("a 60 s link outage while the cluster keeps changing", () => {
  let fc: FaultCentre;
  let device: Device;
  let cluster: DeviceCluster;
  let agent: AgentProcess | undefined;
  let clusterId: string;
  let sampler: StatusSampler | undefined;

  beforeAll(async () => {
    requireHubNamespace();
    fc = await startFaultCentre({ heartbeatTimeoutMs: 6_000 });
    device = await createDevice(11);
    cluster = await startDeviceCluster(device, { nodes: 1 });
    const token = await fc.token("edge-linkdown");
    agent = startAgent({ server: fc.urlFor(device), registrationToken: token, kubeconfig: cluster.kubeconfig, netns: device.name });
    clusterId = await fc.clusterId("edge-linkdown", 60_000);
    await eventually(() => fc.detail(clusterId), (d) => d.status === "online", "cluster online", 30_000);
  });

  afterAll(async () => {
    await sampler?.stop();
    await agent?.kill();
    await cluster?.stop();
    await destroyAllDevices();
    await fc?.close();
  });

  it("delivers all 100 changes made offline, once each and in order, after the link returns", async () => {
    await cluster.kubectlOk(["create", "deployment", "web", "--image=registry.example/web:1", "--replicas=1"]);
    await cluster.kubectlOk(["rollout", "status", "deployment/web", "--timeout=60s"], { timeoutMs: 70_000 });
    // The centre shows it (change log and snapshot), and the agent has nothing left to send.
    await eventually(
      () => fc.detail(clusterId),
      (d) => d.changes.some((c) => c.kind === "Deployment" && c.name === "web") && d.workloads.some((w) => w.name === "web") && d.queuedAtDevice === 0,
      "the Deployment at the centre",
      30_000,
    );
    const newestSeqBefore = (await fc.detail(clusterId)).changes[0]!.seq;

    sampler = sampleStatus(fc, clusterId, 200);
    const downAt = Date.now();
    await device.linkDown();

    // 100 changes inside the device while it is cut off: each annotate is one write of the
    // Deployment and answers with the resourceVersion it produced.
    const made: string[] = [];
    for (let i = 1; i <= CHANGES; i++) {
      const rv = (await cluster.kubectlOk(["annotate", "deployment/web", `outpost.test/n=${i}`, "--overwrite", "-o", "jsonpath={.metadata.resourceVersion}"])).trim();
      expect(rv, `change ${i}`).toMatch(/^\d+$/);
      made.push(rv);
      await sleep(100);
    }
    const changesDoneMs = Date.now() - downAt;
    expect(changesDoneMs, "the 100 changes fit inside the outage").toBeLessThan(LINK_DOWN_MS - 2_000);
    await sleep(LINK_DOWN_MS - (Date.now() - downAt));

    // Still cut off: the centre noticed (heartbeat timeout) and has none of the changes.
    expect(agent!.child.exitCode, "agent still running").toBeNull();
    const duringOutage = sampler.between(downAt);
    expect(duringOutage.some((s) => s.status === "offline"), describeTimeline(duringOutage)).toBe(true);
    expect((await fc.detail(clusterId)).status).toBe("offline");
    expect((await fc.detail(clusterId)).changes[0]!.seq).toBe(newestSeqBefore);

    const upAt = Date.now();
    await device.linkUp();
    const reachableMs = Date.now() - upAt;
    const online = await eventually(() => fc.detail(clusterId), (d) => d.status === "online", "cluster online after the link returned", ONLINE_WITHIN_MS);
    const onlineMs = Date.now() - upAt;
    const maxQueued = Math.max(0, ...sampler.between(upAt).map((s) => s.queuedAtDevice ?? 0), online.queuedAtDevice ?? 0);
    // Delivery is in order (checked in full below), so the last change arriving means all did.
    const last = made[made.length - 1]!;
    await eventually(
      () => fc.detail(clusterId),
      (d) => d.queuedAtDevice === 0 && d.changes.some((c) => c.name === "web" && c.resourceVersion === last),
      "the last change at the centre and nothing queued at the device",
      ONLINE_WITHIN_MS + DRAINED_WITHIN_MS - (Date.now() - upAt),
    );
    const drainedMs = Date.now() - upAt;
    await sampler.stop();
    console.log(
      `link down ${LINK_DOWN_MS / 1000} s, ${CHANGES} changes made in ${(changesDoneMs / 1000).toFixed(1)} s; after link restore: ` +
        `device reaches hub ${reachableMs} ms, cluster online ${onlineMs} ms, outbox drained ${drainedMs} ms ` +
        `(online → drained ${drainedMs - onlineMs} ms; up to ${maxQueued} records queued at the device seen); ` +
        `status timeline: ${describeTimeline(sampler.between(downAt))}`,
    );
    expect(drainedMs - onlineMs).toBeLessThan(DRAINED_WITHIN_MS);

    // The full change log, read from the centre's database (the API shows the newest 50 only).
    const store = await fc.stopAndOpenStore();
    const rows = await store.changes(clusterId);
    // No change of any object stored twice under different seqs.
    expect(await store.duplicateChanges(clusterId)).toEqual([]);
    const seqs = rows.map((r) => r.seq);

    const web = rows.filter((r) => r.kind === "Deployment" && r.namespace === "default" && r.name === "web");
    const webRvs = web.map((r) => r.resourceVersion);
    // No resourceVersion of the object twice, and resourceVersions rise with seq.
    expect(new Set(webRvs).size, `duplicates among ${webRvs.join(",")}`).toBe(webRvs.length);
    for (let i = 1; i < web.length; i++) expect(Number(web[i]!.resourceVersion), `seq ${web[i]!.seq}`).toBeGreaterThan(Number(web[i - 1]!.resourceVersion));

    // Each of the 100 exactly once, in the order made, with strictly increasing seqs.
    const ours = web.filter((r) => made.includes(r.resourceVersion));
    expect(ours.map((r) => r.resourceVersion)).toEqual(made);
    for (let i = 1; i < ours.length; i++) expect(ours[i]!.seq).toBeGreaterThan(ours[i - 1]!.seq);
    for (const r of ours) {
      expect(r.type).toBe("MODIFIED");
      // Observed on the device while cut off; received only after the link came back.
      expect(r.observedAt.getTime()).toBeGreaterThanOrEqual(downAt);
      expect(r.observedAt.getTime()).toBeLessThan(upAt);
      expect(r.receivedAt.getTime()).toBeGreaterThanOrEqual(upAt - 1_000);
    }
    const extra = web.filter((r) => !made.includes(r.resourceVersion) && r.seq > ours[0]!.seq && r.seq < ours[ours.length - 1]!.seq);
    console.log(`${extra.length} other writes of deployment/web (by controllers) were delivered in between, in order too`);

    // The centre's acknowledged sequence covers everything stored.
    expect((await store.cluster(clusterId)).outboxAckedSeq).toBeGreaterThanOrEqual(seqs[seqs.length - 1]!);
  });
});
