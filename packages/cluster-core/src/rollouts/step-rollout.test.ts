import { describe, expect, it } from "vitest";
import type { MaintenanceWindow, TargetPhase } from "./rollout-schemas";
import { type RolloutProgress, type RolloutStepStrategy, type RolloutTargetState, stepRollout, type TargetCluster } from "./step-rollout";

/** A little fleet whose waves, cluster conditions and clock a test moves by hand. */
function scenario(waves: string[][], opts: { canary?: boolean; strategy?: Partial<RolloutStepStrategy> } = {}) {
  const targets: RolloutTargetState[] = waves.flatMap((ids, wave) => ids.map((clusterId) => ({ clusterId, wave, phase: "pending" as TargetPhase, reason: null })));
  const clusters = new Map<string, TargetCluster>(
    targets.map((t) => [t.clusterId, { name: t.clusterId, online: true, paused: null, timeZone: "UTC", windows: [] }]),
  );
  let progress: RolloutProgress = {
    phase: "running",
    currentWave: 0,
    waveCount: waves.length,
    hasCanary: opts.canary ?? true,
    waveStartedAt: 0,
    waveSettledAt: null,
    acknowledgedFailures: 0,
    haltReason: null,
  };
  const strategy: RolloutStepStrategy = { failureBudget: 0, betweenWaves: { mode: "pause", seconds: 0 }, respectMaintenanceWindows: true, ...opts.strategy };
  let now = Date.parse("2026-01-15T12:00:00Z");
  const s = {
    targets,
    clusters,
    get progress() {
      return progress;
    },
    set progress(p: RolloutProgress) {
      progress = p;
    },
    advance(seconds: number) {
      now += seconds * 1000;
    },
    get now() {
      return now;
    },
    set(clusterId: string, phase: TargetPhase, reason: string | null = null) {
      const t = targets.find((x) => x.clusterId === clusterId)!;
      t.phase = phase;
      t.reason = reason;
    },
    cluster(clusterId: string, patch: Partial<TargetCluster>) {
      clusters.set(clusterId, { ...clusters.get(clusterId)!, ...patch });
    },
    /** One scheduler step; its dispatches and skips are recorded on the targets as the service would. */
    step() {
      const r = stepRollout({ progress, strategy, targets, clusterOf: (id) => clusters.get(id), now });
      progress = r.progress;
      for (const id of r.dispatch) s.set(id, "applying");
      for (const k of r.skipped) s.set(k.clusterId, "skipped", k.reason);
      return r;
    },
    phaseOf: (id: string) => targets.find((t) => t.clusterId === id)!.phase,
  };
  return s;
}

describe("stepRollout", () => {
  it("dispatches the canary alone, then each wave once the one before is healthy", () => {
    const s = scenario([["can"], ["a", "b"], ["c"]]);
    expect(s.step().dispatch).toEqual(["can"]);
    expect(s.step().dispatch).toEqual([]);
    s.set("can", "healthy");
    const r = s.step();
    expect(r.dispatch).toEqual(["a", "b"]);
    expect(r.events.map((e) => e.type)).toEqual(["wave-settled", "wave-started"]);
    s.set("a", "healthy");
    expect(s.step().dispatch).toEqual([]); // b still applying
    s.set("b", "healthy");
    expect(s.step().dispatch).toEqual(["c"]);
    s.set("c", "healthy");
    const last = s.step();
    expect(last.progress.phase).toBe("completed");
    expect(last.events.at(-1)).toMatchObject({ type: "completed" });
    expect(s.step().events).toEqual([]);
  });

  it("waits the strategy's pause between waves, counted from when the wave settled", () => {
    const s = scenario([["can"], ["a"]], { strategy: { betweenWaves: { mode: "pause", seconds: 300 } } });
    s.step();
    s.set("can", "healthy");
    expect(s.step().dispatch).toEqual([]);
    s.advance(299);
    expect(s.step().dispatch).toEqual([]);
    s.advance(1);
    expect(s.step().dispatch).toEqual(["a"]);
  });

  it("waits for an operator's approval between waves when the strategy asks for it", () => {
    const s = scenario([["can"], ["a"]], { strategy: { betweenWaves: { mode: "approval" } } });
    s.step();
    s.set("can", "healthy");
    const r = s.step();
    expect(r.progress.phase).toBe("awaiting-approval");
    expect(r.events.at(-1)?.message).toBe("wave 1 waits for approval");
    s.advance(86_400);
    expect(s.step().dispatch).toEqual([]);
  });

  it("halts on the first failure after the canary with the default budget of 0, leaving later waves untouched", () => {
    const s = scenario([["can"], ["a", "b"], ["c", "d"]]);
    s.step();
    s.set("can", "healthy");
    s.step();
    s.set("a", "failed", "install Job failed (exit code 1)");
    const r = s.step();
    expect(r.progress.phase).toBe("halted");
    expect(r.progress.haltReason).toBe("1 failed cluster exceeds the failure budget of 0 (a: install Job failed (exit code 1))");
    s.set("b", "healthy");
    expect(s.step().dispatch).toEqual([]);
    expect([s.phaseOf("c"), s.phaseOf("d")]).toEqual(["pending", "pending"]);
  });

  it("tolerates failures up to the budget and halts on the next one", () => {
    const s = scenario([["a", "b"], ["c", "d"], ["e"]], { canary: false, strategy: { failureBudget: 1 } });
    s.step();
    s.set("a", "failed", "boom");
    s.set("b", "healthy");
    expect(s.step().dispatch).toEqual(["c", "d"]);
    s.set("c", "failed", "boom again");
    expect(s.step().progress.phase).toBe("halted");
    expect(s.progress.haltReason).toMatch(/^2 failed clusters exceed the failure budget of 1/);
  });

  it("halts on any canary failure whatever the budget", () => {
    const s = scenario([["can1", "can2"], ["a"]], { strategy: { failureBudget: 5 } });
    s.step();
    s.set("can1", "failed", "CrashLoopBackOff");
    const r = s.step();
    expect(r.progress.phase).toBe("halted");
    expect(r.progress.haltReason).toBe("the canary failed (can1: CrashLoopBackOff)");
  });

  it("after a resume, counts only failures the operator has not yet seen", () => {
    const s = scenario([["a"], ["b"], ["c"]], { canary: false });
    s.step();
    s.set("a", "failed", "x");
    s.step();
    expect(s.progress.phase).toBe("halted");
    s.progress = { ...s.progress, phase: "running", haltReason: null, acknowledgedFailures: 1 };
    expect(s.step().dispatch).toEqual(["b"]);
    s.set("b", "failed", "y");
    expect(s.step().progress.phase).toBe("halted");
  });

  it("dispatches nothing while halted", () => {
    const s = scenario([["a", "b"]], { canary: false });
    s.progress = { ...s.progress, phase: "halted", haltReason: "halted by alice" };
    expect(s.step().dispatch).toEqual([]);
    expect(s.progress.haltReason).toBe("halted by alice");
  });

  it("lets an offline cluster wait without failing or blocking the next wave, and dispatches it when it returns", () => {
    const s = scenario([["a", "b"], ["c"]], { canary: false });
    s.cluster("b", { online: false });
    expect(s.step().dispatch).toEqual(["a"]);
    s.set("a", "healthy");
    expect(s.step().dispatch).toEqual(["c"]);
    s.set("c", "healthy");
    const r = s.step();
    expect(r.progress.phase).toBe("running"); // b is still owed the release
    expect(s.phaseOf("b")).toBe("pending");
    s.cluster("b", { online: true });
    expect(s.step().dispatch).toEqual(["b"]);
    s.set("b", "healthy");
    expect(s.step().progress.phase).toBe("completed");
  });

  it("holds the canary wave until a canary is healthy, even when the canary is offline", () => {
    const s = scenario([["can"], ["a"]]);
    s.cluster("can", { online: false });
    s.advance(3600);
    expect(s.step().dispatch).toEqual([]);
    expect(s.progress.currentWave).toBe(0);
    s.cluster("can", { online: true });
    expect(s.step().dispatch).toEqual(["can"]);
  });

  it("defers a cluster outside its site's maintenance window until the window opens", () => {
    const nightly: MaintenanceWindow[] = [{ days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "22:00", end: "06:00" }];
    const s = scenario([["a", "b"]], { canary: false });
    s.cluster("b", { timeZone: "Europe/Berlin", windows: nightly }); // 13:00 in Berlin
    expect(s.step().dispatch).toEqual(["a"]);
    s.advance(8 * 3600 + 59 * 60); // 21:59 Berlin
    expect(s.step().dispatch).toEqual([]);
    s.advance(60); // 22:00 Berlin
    expect(s.step().dispatch).toEqual(["b"]);
  });

  it("ignores windows when the strategy says so", () => {
    const s = scenario([["a"]], { canary: false, strategy: { respectMaintenanceWindows: false } });
    s.cluster("a", { windows: [{ days: ["sun"], start: "01:00", end: "02:00" }] });
    expect(s.step().dispatch).toEqual(["a"]);
  });

  it("skips a paused cluster when its wave comes, saying who paused it and why, without counting a failure", () => {
    const s = scenario([["a", "b"], ["c"]], { canary: false });
    s.cluster("b", { paused: { by: "alice", reason: "stocktaking until Monday" } });
    const r = s.step();
    expect(r.dispatch).toEqual(["a"]);
    expect(r.skipped).toEqual([{ clusterId: "b", reason: "cluster paused by alice: stocktaking until Monday" }]);
    s.set("a", "healthy");
    expect(s.step().dispatch).toEqual(["c"]);
  });

  it("asks for approval when every canary was skipped, instead of waiting forever", () => {
    const s = scenario([["can"], ["a"]]);
    s.cluster("can", { paused: { by: "bob", reason: "audit" } });
    const r = s.step();
    expect(r.progress.phase).toBe("awaiting-approval");
    expect(r.events.at(-1)?.message).toMatch(/no canary cluster could be tried/);
  });

  it("still dispatches deferred clusters of approved waves while waiting for approval", () => {
    const s = scenario([["a", "b"], ["c"]], { canary: false, strategy: { betweenWaves: { mode: "approval" } } });
    s.cluster("b", { online: false });
    s.step();
    s.set("a", "healthy");
    expect(s.step().progress.phase).toBe("awaiting-approval");
    s.cluster("b", { online: true });
    expect(s.step().dispatch).toEqual(["b"]);
    expect(s.phaseOf("c")).toBe("pending");
  });

  it("skips clusters that were deleted", () => {
    const s = scenario([["a", "gone"]], { canary: false });
    s.clusters.delete("gone");
    expect(s.step().skipped).toEqual([{ clusterId: "gone", reason: "cluster no longer exists" }]);
  });

  it("runs through several settled waves in one step when there is no pause", () => {
    const s = scenario([["a"], ["b"], ["c"]], { canary: false });
    s.cluster("a", { paused: { by: "x", reason: "y" } });
    s.cluster("b", { paused: { by: "x", reason: "y" } });
    const r = s.step();
    expect(r.dispatch).toEqual(["c"]);
    expect(r.progress.currentWave).toBe(2);
  });
});
