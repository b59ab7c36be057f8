import { describe, expect, it } from "vitest";
import { describeTargetStatus } from "./describe-target-status";
import type { RolloutTargetState, TargetCluster } from "./step-rollout";

const now = Date.parse("2026-01-15T12:00:00Z"); // Thursday, 13:00 in Berlin
const cluster: TargetCluster = { name: "store-1", online: true, paused: null, timeZone: "Europe/Berlin", windows: [] };
const target: RolloutTargetState = { clusterId: "c1", wave: 1, phase: "pending", reason: null };
const running = { phase: "running" as const, currentWave: 1, hasCanary: true };
const windows = { respectMaintenanceWindows: true };

describe("describeTargetStatus", () => {
  it("passes on the scheduler's own phases with their reason", () => {
    expect(describeTargetStatus({ ...target, phase: "failed", reason: "boom" }, cluster, running, windows, now)).toEqual({ status: "failed", detail: "boom", waitingUntil: null });
    expect(describeTargetStatus({ ...target, phase: "applying" }, cluster, running, windows, now).status).toBe("applying");
  });

  it("says a cluster of a later wave is queued for that wave", () => {
    expect(describeTargetStatus({ ...target, wave: 2 }, cluster, running, windows, now).detail).toBe("waits for wave 2");
  });

  it("shows an offline cluster of a started wave as waiting-offline, never failed", () => {
    expect(describeTargetStatus(target, { ...cluster, online: false }, running, windows, now).status).toBe("waiting-offline");
  });

  it("shows a cluster outside its window as waiting-window with the local opening time", () => {
    const v = describeTargetStatus(target, { ...cluster, windows: [{ days: ["thu"], start: "22:00", end: "06:00" }] }, running, windows, now);
    expect(v).toEqual({ status: "waiting-window", detail: "outside its site's maintenance window; opens Thu 22:00 Europe/Berlin", waitingUntil: Date.parse("2026-01-15T21:00:00Z") });
  });

  it("shows a paused cluster as paused with who and why, in any wave", () => {
    const v = describeTargetStatus({ ...target, wave: 3 }, { ...cluster, paused: { by: "alice", reason: "inventory" } }, running, windows, now);
    expect(v.status).toBe("paused");
    expect(v.detail).toMatch(/^paused by alice: inventory/);
  });
});
