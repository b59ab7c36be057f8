import { z } from "zod";
import { ZId } from "../schemas/common";

// ---- maintenance windows ----------------------------------------------------------------
export const WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export const ZWeekday = z.enum(WEEKDAY_NAMES);

const ZLocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "times are HH:MM on a 24-hour clock, e.g. 22:00");

/**
 * A recurring window in a site's own time zone, opening at `start` local time on each of `days`
 * and closing at the next `end` (the next day when `end` is not after `start`: 22:00–06:00
 * crosses midnight; equal times mean 24 hours). Wall-clock times: a window that spans a DST
 * change is an hour shorter or longer in real time.
 */
export const ZMaintenanceWindow = z.object({
  days: z.array(ZWeekday).min(1, "pick at least one day").max(7).default([...WEEKDAY_NAMES]),
  start: ZLocalTime,
  end: ZLocalTime,
});
export type MaintenanceWindow = z.infer<typeof ZMaintenanceWindow>;

/** A site's windows; none means the site may be changed at any time. */
export const ZMaintenanceWindows = z.array(ZMaintenanceWindow).max(14, "at most 14 windows per site");

// ---- strategy ----------------------------------------------------------------------------
export const ZCanary = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("none") }),
  /** The planner picks `count` clusters, online ones and distinct sites first. */
  z.object({ mode: z.literal("count"), count: z.number().int().min(1).max(50) }),
  z.object({ mode: z.literal("clusters"), clusterIds: z.array(ZId).min(1).max(50) }),
]);
export type Canary = z.infer<typeof ZCanary>;

/** Waves after the canary: N clusters each, or N % of the clusters after the canary (rounded up, at least 1). */
export const ZWaveSize = z
  .object({ unit: z.enum(["clusters", "percent"]), value: z.number().int().min(1) })
  .refine((w) => w.unit === "clusters" || w.value <= 100, { message: "a percentage is at most 100", path: ["value"] });
export type WaveSize = z.infer<typeof ZWaveSize>;

export const ZBetweenWaves = z.discriminatedUnion("mode", [
  /** The next wave starts by itself this many seconds after the previous one settled. */
  z.object({ mode: z.literal("pause"), seconds: z.number().int().min(0).max(7 * 86_400) }),
  /** An operator approves each next wave. */
  z.object({ mode: z.literal("approval") }),
]);

export const ZRolloutStrategy = z.object({
  canary: ZCanary.default({ mode: "count", count: 1 }),
  waveSize: ZWaveSize.default({ unit: "percent", value: 25 }),
  /** Failed clusters (after the canary) tolerated before the rollout halts; any canary failure halts. */
  failureBudget: z.number().int().min(0).max(100_000).default(0),
  betweenWaves: ZBetweenWaves.default({ mode: "pause", seconds: 0 }),
  /** How long a cluster may take from dispatch to healthy (install Job done, workloads Ready). */
  healthTimeoutSeconds: z.number().int().min(10).max(86_400).default(600),
  /** Wait for each site's maintenance window before changing its clusters. */
  respectMaintenanceWindows: z.boolean().default(true),
});
export type RolloutStrategy = z.infer<typeof ZRolloutStrategy>;
export type RolloutStrategyInput = z.input<typeof ZRolloutStrategy>;

// ---- progress ----------------------------------------------------------------------------
/** running: dispatching waves; awaiting-approval: a wave settled and the next needs an operator. */
export const ZRolloutPhase = z.enum(["running", "awaiting-approval", "halted", "completed", "superseded"]);
export type RolloutPhase = z.infer<typeof ZRolloutPhase>;

/** What the centre has done with one cluster of a rollout. */
export const ZTargetPhase = z.enum(["pending", "applying", "healthy", "failed", "skipped"]);
export type TargetPhase = z.infer<typeof ZTargetPhase>;

/** What the progress page shows for one cluster. */
export const ZTargetStatus = z.enum(["queued", "waiting-window", "waiting-offline", "paused", "applying", "healthy", "failed", "skipped"]);
export type TargetStatus = z.infer<typeof ZTargetStatus>;
