import { describe, expect, it } from "vitest";
import { planRolloutWaves, RolloutPlanError, type WaveCandidate } from "./plan-rollout-waves";

function fleet(n: number, opts: { sites?: number; offline?: number[] } = {}): WaveCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    clusterId: `c${i}`,
    name: `store-${String(i).padStart(3, "0")}`,
    siteId: `site-${i % (opts.sites ?? n)}`,
    online: !(opts.offline ?? []).includes(i),
  }));
}
const sizes = (waves: ReturnType<typeof planRolloutWaves>) => waves.map((w) => w.clusterIds.length);
const none = { mode: "none" } as const;

describe("planRolloutWaves", () => {
  it("rounds a percentage up: 30 % and 25 % of 10 clusters give waves of 3, 3, 3, 1", () => {
    expect(sizes(planRolloutWaves(fleet(10), none, { unit: "percent", value: 30 }))).toEqual([3, 3, 3, 1]);
    expect(sizes(planRolloutWaves(fleet(10), none, { unit: "percent", value: 25 }))).toEqual([3, 3, 3, 1]);
  });

  it("makes waves of at least one cluster for tiny percentages, and one wave for 100 %", () => {
    expect(sizes(planRolloutWaves(fleet(4), none, { unit: "percent", value: 1 }))).toEqual([1, 1, 1, 1]);
    expect(sizes(planRolloutWaves(fleet(7), none, { unit: "percent", value: 100 }))).toEqual([7]);
  });

  it("makes waves of N clusters with a smaller last wave", () => {
    expect(sizes(planRolloutWaves(fleet(7), none, { unit: "clusters", value: 3 }))).toEqual([3, 3, 1]);
    expect(sizes(planRolloutWaves(fleet(2), none, { unit: "clusters", value: 5 }))).toEqual([2]);
  });

  it("takes the percentage of the clusters left after the canary", () => {
    const waves = planRolloutWaves(fleet(11), { mode: "count", count: 1 }, { unit: "percent", value: 50 });
    expect(waves.map((w) => w.kind)).toEqual(["canary", "wave", "wave"]);
    expect(sizes(waves)).toEqual([1, 5, 5]);
  });

  it("numbers waves from 0 and puts every cluster in exactly one wave, in name order", () => {
    const shuffled = fleet(9).reverse();
    const waves = planRolloutWaves(shuffled, { mode: "count", count: 2 }, { unit: "clusters", value: 4 });
    expect(waves.map((w) => w.index)).toEqual([0, 1, 2]);
    const all = waves.flatMap((w) => w.clusterIds);
    expect(new Set(all).size).toBe(9);
    expect(waves[1]!.clusterIds).toEqual(["c2", "c3", "c4", "c5"]);
  });

  it("picks canaries among online clusters first, one per site before a second from any site", () => {
    // Sites: c0,c2,c4 on site-0; c1,c3,c5 on site-1. c0 is offline.
    const waves = planRolloutWaves(fleet(6, { sites: 2, offline: [0] }), { mode: "count", count: 3 }, { unit: "percent", value: 100 });
    expect(waves[0]).toEqual({ index: 0, kind: "canary", clusterIds: ["c1", "c2", "c3"] });
    expect(waves[1]!.clusterIds).toEqual(["c0", "c4", "c5"]);
  });

  it("falls back to offline clusters when too few are online", () => {
    const waves = planRolloutWaves(fleet(3, { offline: [0, 1] }), { mode: "count", count: 2 }, { unit: "percent", value: 100 });
    expect(waves[0]!.clusterIds).toEqual(["c2", "c0"]);
  });

  it("uses named canary clusters as given", () => {
    const waves = planRolloutWaves(fleet(5), { mode: "clusters", clusterIds: ["c4", "c1"] }, { unit: "clusters", value: 2 });
    expect(waves[0]!.clusterIds).toEqual(["c1", "c4"]);
    expect(waves.slice(1).map((w) => w.clusterIds)).toEqual([["c0", "c2"], ["c3"]]);
  });

  it("refuses canaries that are not targeted, a canary of every cluster, and an empty target", () => {
    expect(() => planRolloutWaves(fleet(3), { mode: "clusters", clusterIds: ["x9"] }, { unit: "clusters", value: 1 })).toThrow(/x9 are not among/);
    expect(() => planRolloutWaves(fleet(2), { mode: "clusters", clusterIds: ["c0", "c1"] }, { unit: "clusters", value: 1 })).toThrow(RolloutPlanError);
    expect(() => planRolloutWaves(fleet(2), { mode: "count", count: 2 }, { unit: "clusters", value: 1 })).toThrow(/needs more than 2/);
    expect(() => planRolloutWaves([], none, { unit: "clusters", value: 1 })).toThrow(/matches no clusters/);
  });

  it("plans 2,000 clusters in well under a second", () => {
    const started = performance.now();
    const waves = planRolloutWaves(fleet(2000, { sites: 400 }), { mode: "count", count: 5 }, { unit: "percent", value: 10 });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(sizes(waves)).toEqual([5, ...Array(9).fill(200), 195]);
  });
});
