import { ZClusterSnapshot, summarizeSnapshot, type ClusterSnapshot, type KubeManifest } from "@outpost/cluster-core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SimDriver } from "./sim-driver";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const drivers: SimDriver[] = [];

function makeDriver(name: string, changeIntervalMs = 15_000): SimDriver {
  const driver = new SimDriver({ name, changeIntervalMs });
  drivers.push(driver);
  return driver;
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(async () => {
  await Promise.all(drivers.splice(0).map((d) => d.close()));
  vi.useRealTimers();
});

/** Runs `changes` change timers of one driver and returns every snapshot along the way. */
async function evolve(driver: SimDriver, changes: number): Promise<ClusterSnapshot[]> {
  vi.setSystemTime(T0);
  const snapshots: ClusterSnapshot[] = [await driver.snapshot()];
  let seen = 0;
  const stop = driver.watch(() => (seen += 1));
  while (seen < changes) {
    await vi.advanceTimersToNextTimerAsync();
    snapshots.push(await driver.snapshot());
  }
  stop();
  return snapshots;
}

describe("SimDriver", () => {
  it("builds a plausible k3s cluster that passes the snapshot schema", async () => {
    for (const name of ["store-001", "store-002", "factory-7", "van-12", "clinic-a", "x"]) {
      const snapshot = ZClusterSnapshot.parse(await makeDriver(name).snapshot());
      expect(snapshot.k3sVersion).toMatch(/^v1\.\d+\.\d+\+k3s1$/);
      expect(snapshot.nodes.length).toBeGreaterThanOrEqual(1);
      expect(snapshot.nodes.length).toBeLessThanOrEqual(3);
      expect(snapshot.nodes[0]!.roles).toEqual(["control-plane", "master"]);
      expect(snapshot.nodes.every((n) => n.ready && n.kubeletVersion === snapshot.k3sVersion)).toBe(true);
      expect(snapshot.workloads.length).toBeGreaterThanOrEqual(4);
      expect(snapshot.workloads.length).toBeLessThanOrEqual(8);
      const system = snapshot.workloads.filter((w) => w.namespace === "kube-system").map((w) => w.name);
      expect(system).toEqual(["coredns", "local-path-provisioner", "metrics-server", "traefik"]);
      expect(new Set(snapshot.workloads.map((w) => w.namespace)).size).toBeGreaterThanOrEqual(2);
      expect(summarizeSnapshot(snapshot).workloadsHealthy).toBe(snapshot.workloads.length);
      expect(snapshot.takenAt).toBe(new Date(T0).toISOString());
    }
  });

  it("is deterministic: the same name gives the same cluster and the same changes", async () => {
    const a = await evolve(makeDriver("store-042"), 12);
    const b = await evolve(makeDriver("store-042"), 12);
    expect(a).toEqual(b);
  });

  it("gives different names different clusters", async () => {
    const shapes = await Promise.all(
      ["a", "b", "c", "d", "e", "f"].map(async (name) => JSON.stringify({ ...(await makeDriver(`store-${name}`).snapshot()), takenAt: "" })),
    );
    expect(new Set(shapes).size).toBeGreaterThan(1);
  });

  it("changes now and then, firing watch, with rollouts, scaling and Warning events", async () => {
    const driver = makeDriver("store-042", 1_000);
    const onChange = vi.fn();
    const stop = driver.watch(onChange);
    await vi.advanceTimersByTimeAsync(690);
    expect(onChange).not.toHaveBeenCalled(); // first change comes after 0.7–1.3 intervals
    const snapshots: ClusterSnapshot[] = [];
    for (let i = 0; i < 60; i++) {
      await vi.advanceTimersByTimeAsync(1_000);
      snapshots.push(ZClusterSnapshot.parse(await driver.snapshot()));
    }
    stop();
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(40);
    const lagging = snapshots.some((s) => s.workloads.some((w) => w.ready < w.desired));
    const initial = await makeDriver("store-042").snapshot();
    const scaled = snapshots.some((s) => s.workloads.some((w) => w.desired !== initial.workloads.find((i) => i.name === w.name)?.desired));
    const warnings = snapshots.at(-1)!.events;
    expect(lagging).toBe(true);
    expect(scaled).toBe(true);
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.every((e) => e.type === "Warning")).toBe(true);
    const times = warnings.map((e) => Date.parse(e.lastSeen));
    expect(times).toEqual([...times].sort((x, y) => y - x)); // newest first
    // Rollouts finish: once changes stop, every workload becomes ready again.
    await vi.advanceTimersByTimeAsync(10_000);
    const settled = await driver.snapshot();
    expect(summarizeSnapshot(settled).workloadsHealthy).toBe(settled.workloads.length);
  });

  it("stops changing when nobody watches any more", async () => {
    const driver = makeDriver("store-042", 1_000);
    const onChange = vi.fn();
    driver.watch(onChange)();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(onChange).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("toggles the first agent node's Ready state, and DaemonSets follow", async () => {
    const name = await findName(async (d) => (await d.snapshot()).nodes.length > 1);
    const driver = makeDriver(name);
    const onChange = vi.fn();
    driver.watch(onChange);
    const before = await driver.snapshot();
    const node = driver.toggleNodeReady();
    expect(node.name).toBe(before.nodes[1]!.name);
    expect(node.ready).toBe(false);
    expect(onChange).toHaveBeenCalledTimes(1);
    const after = await driver.snapshot();
    expect(after.nodes.map((n) => n.ready)).toEqual(before.nodes.map((_, i) => i !== 1));
    expect(summarizeSnapshot(after).nodesReady).toBe(before.nodes.length - 1);
    expect(driver.toggleNodeReady().ready).toBe(true);
  });

  it("toggles the only node of a one-node cluster", async () => {
    const driver = makeDriver(await findName(async (d) => (await d.snapshot()).nodes.length === 1));
    expect(driver.toggleNodeReady()).toMatchObject({ ready: false, roles: ["control-plane", "master"] });
    expect((await driver.snapshot()).nodes[0]!.ready).toBe(false);
  });

  it("simulates server-side apply and delete of workloads", async () => {
    const driver = makeDriver("store-042", 1_000);
    const deployment: KubeManifest = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "kiosk", namespace: "shop" },
      spec: { replicas: 3 },
    };
    expect(await driver.apply([deployment])).toEqual([{ kind: "Deployment", name: "kiosk", namespace: "shop", action: "applied" }]);
    expect(await driver.apply([deployment])).toEqual([{ kind: "Deployment", name: "kiosk", namespace: "shop", action: "unchanged" }]);
    const kiosk = () => driver.snapshot().then((s) => s.workloads.find((w) => w.name === "kiosk"));
    expect(await kiosk()).toEqual({ namespace: "shop", name: "kiosk", kind: "Deployment", desired: 3, ready: 0 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(await kiosk()).toMatchObject({ desired: 3, ready: 3 });
    expect(await driver.delete([deployment])).toEqual([{ kind: "Deployment", name: "kiosk", namespace: "shop", action: "deleted" }]);
    expect(await kiosk()).toBeUndefined();
    expect((await driver.delete([deployment]))[0]!.action).toBe("unchanged");
    await expect(driver.apply([{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "" } }])).rejects.toThrow(/metadata.name/);
  });
});

/** First simulated cluster name (store-0, store-1, …) whose driver satisfies `test`. */
async function findName(test: (d: SimDriver) => Promise<boolean>): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const name = `store-${i}`;
    if (await test(new SimDriver({ name, changeIntervalMs: 15_000 }))) return name;
  }
  throw new Error("no such simulated cluster among 200 names");
}
