import { isMaintenanceWindowOpen } from "./maintenance-window";
import type { MaintenanceWindow, RolloutPhase, RolloutStrategy, TargetPhase } from "./rollout-schemas";

/** Where a rollout stands; times are ms since the epoch. */
export interface RolloutProgress {
  phase: RolloutPhase;
  currentWave: number;
  waveCount: number;
  /** Wave 0 is a canary. */
  hasCanary: boolean;
  waveStartedAt: number | null;
  /** When every cluster of the current wave that could be changed had settled. */
  waveSettledAt: number | null;
  /** Failures an operator has seen and resumed past; only failures beyond them count. */
  acknowledgedFailures: number;
  haltReason: string | null;
}

export interface RolloutTargetState {
  clusterId: string;
  wave: number;
  phase: TargetPhase;
  reason: string | null;
}

/** What the planner needs to know about a target cluster right now. */
export interface TargetCluster {
  name: string;
  online: boolean;
  paused: { by: string; reason: string } | null;
  timeZone: string;
  windows: readonly MaintenanceWindow[];
}

export type RolloutStepStrategy = Pick<RolloutStrategy, "failureBudget" | "betweenWaves" | "respectMaintenanceWindows">;

export interface RolloutStepEvent {
  type: "wave-started" | "wave-settled" | "awaiting-approval" | "halted" | "completed" | "skipped";
  wave: number;
  clusterId?: string;
  message: string;
}

export interface RolloutStep {
  progress: RolloutProgress;
  /** Clusters whose desired state gets the release now. */
  dispatch: string[];
  /** Clusters passed over, with why. */
  skipped: Array<{ clusterId: string; reason: string }>;
  events: RolloutStepEvent[];
}

/**
 * One decision of the rollout scheduler, pure: given where a rollout stands, what each target's
 * cluster looks like and the time, which clusters to change now and how the rollout moves on.
 *
 * - Clusters of the current and earlier waves are dispatched once they are online and (unless
 *   the strategy ignores windows) inside their site's maintenance window. Offline clusters and
 *   clusters outside their window wait; they never fail and never hold up the next wave.
 * - A cluster paused by an operator when its wave comes is skipped, with who paused it and why.
 * - A wave has settled when none of its clusters is still applying and every one that could be
 *   changed was; the canary wave also needs one healthy cluster. Then the next wave starts after
 *   the strategy's pause, or waits for an operator's approval.
 * - Any canary failure halts the rollout, and so does any failure beyond the failure budget
 *   afterwards. A halted rollout dispatches nothing until resumed.
 * - The rollout completes when its last wave has settled and no cluster is left waiting.
 */
export function stepRollout(input: {
  progress: RolloutProgress;
  strategy: RolloutStepStrategy;
  targets: readonly RolloutTargetState[];
  clusterOf: (clusterId: string) => TargetCluster | undefined;
  now: number;
}): RolloutStep {
  const { strategy, clusterOf, now } = input;
  const progress = { ...input.progress };
  const phases = new Map(input.targets.map((t) => [t.clusterId, t.phase]));
  const result: RolloutStep = { progress, dispatch: [], skipped: [], events: [] };
  if (progress.phase === "completed" || progress.phase === "superseded") return result;

  for (let guard = 0; guard <= progress.waveCount + 1; guard++) {
    if (progress.phase !== "halted") {
      const halt = haltReason(input.targets, phases, progress, strategy.failureBudget, clusterOf);
      if (halt) {
        progress.phase = "halted";
        progress.haltReason = halt;
        result.events.push({ type: "halted", wave: progress.currentWave, message: halt });
      }
    }
    if (progress.phase === "halted") break;

    for (const t of input.targets) {
      if (t.wave > progress.currentWave || phases.get(t.clusterId) !== "pending") continue;
      const cluster = clusterOf(t.clusterId);
      if (!cluster || cluster.paused) {
        const reason = cluster?.paused ? `cluster paused by ${cluster.paused.by}: ${cluster.paused.reason}` : "cluster no longer exists";
        phases.set(t.clusterId, "skipped");
        result.skipped.push({ clusterId: t.clusterId, reason });
        result.events.push({ type: "skipped", wave: t.wave, clusterId: t.clusterId, message: `${cluster?.name ?? t.clusterId} skipped: ${reason}` });
      } else if (cluster.online && (!strategy.respectMaintenanceWindows || isMaintenanceWindowOpen(cluster.windows, cluster.timeZone, now))) {
        phases.set(t.clusterId, "applying");
        result.dispatch.push(t.clusterId);
      }
    }
    if (progress.phase === "awaiting-approval") break;

    const wave = input.targets.filter((t) => t.wave === progress.currentWave).map((t) => phases.get(t.clusterId));
    if (wave.includes("applying")) break;
    const isCanary = progress.hasCanary && progress.currentWave === 0;
    if (isCanary && !wave.includes("healthy")) {
      // Nothing proven yet. If no canary can ever be tried (all skipped), an operator decides.
      if (wave.every((p) => p === "skipped") && progress.currentWave < progress.waveCount - 1) {
        progress.phase = "awaiting-approval";
        result.events.push({ type: "awaiting-approval", wave: progress.currentWave, message: "no canary cluster could be tried (all skipped); approve to continue without one" });
      }
      break;
    }
    if (progress.waveSettledAt === null) {
      progress.waveSettledAt = now;
      result.events.push({ type: "wave-settled", wave: progress.currentWave, message: `${waveLabel(progress, progress.currentWave)} settled` });
    }
    if (progress.currentWave >= progress.waveCount - 1) {
      if (![...phases.values()].some((p) => p === "pending" || p === "applying")) {
        progress.phase = "completed";
        result.events.push({ type: "completed", wave: progress.currentWave, message: "rollout completed" });
      }
      break;
    }
    if (strategy.betweenWaves.mode === "approval") {
      progress.phase = "awaiting-approval";
      result.events.push({ type: "awaiting-approval", wave: progress.currentWave, message: `${waveLabel(progress, progress.currentWave + 1)} waits for approval` });
      break;
    }
    if (now < progress.waveSettledAt + strategy.betweenWaves.seconds * 1000) break;
    startWave(progress, progress.currentWave + 1, now, result);
  }
  return result;
}

/** Moves a rollout to `wave` (the scheduler's step or an operator's approval). */
export function startWave(progress: RolloutProgress, wave: number, now: number, result: { events: RolloutStepEvent[] }): void {
  progress.currentWave = wave;
  progress.waveStartedAt = now;
  progress.waveSettledAt = null;
  progress.phase = "running";
  result.events.push({ type: "wave-started", wave, message: `${waveLabel(progress, wave)} started` });
}

export function waveLabel(progress: Pick<RolloutProgress, "hasCanary">, wave: number): string {
  if (progress.hasCanary) return wave === 0 ? "canary" : `wave ${wave}`;
  return `wave ${wave + 1}`;
}

function haltReason(
  targets: readonly RolloutTargetState[],
  phases: ReadonlyMap<string, TargetPhase>,
  progress: RolloutProgress,
  budget: number,
  clusterOf: (id: string) => TargetCluster | undefined,
): string | null {
  const failed = targets.filter((t) => phases.get(t.clusterId) === "failed");
  const unacknowledged = failed.length - progress.acknowledgedFailures;
  const inCanary = progress.hasCanary && progress.currentWave === 0;
  const limit = inCanary ? 0 : budget;
  if (unacknowledged <= limit) return null;
  const latest = failed[failed.length - 1]!;
  const detail = `${clusterOf(latest.clusterId)?.name ?? latest.clusterId}: ${latest.reason ?? "failed"}`;
  if (inCanary) return `the canary failed (${detail})`;
  const n = unacknowledged;
  return `${n} failed cluster${n === 1 ? "" : "s"} exceed${n === 1 ? "s" : ""} the failure budget of ${budget} (${detail})`;
}
