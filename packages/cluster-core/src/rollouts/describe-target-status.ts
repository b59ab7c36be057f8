import { nextMaintenanceWindowOpening } from "./maintenance-window";
import type { TargetStatus } from "./rollout-schemas";
import { type RolloutProgress, type RolloutStepStrategy, type RolloutTargetState, type TargetCluster, waveLabel } from "./step-rollout";

export interface TargetStatusView {
  status: TargetStatus;
  detail: string;
  /** waiting-window: when the site's next window opens (ms since the epoch). */
  waitingUntil: number | null;
}

/**
 * What the progress page says about one cluster of a rollout: the scheduler's own state for
 * clusters it dispatched or passed over, and for the others why they wait.
 */
export function describeTargetStatus(
  target: RolloutTargetState,
  cluster: TargetCluster | undefined,
  progress: Pick<RolloutProgress, "phase" | "currentWave" | "hasCanary">,
  strategy: Pick<RolloutStepStrategy, "respectMaintenanceWindows">,
  now: number,
): TargetStatusView {
  const view = (status: TargetStatus, detail: string, waitingUntil: number | null = null): TargetStatusView => ({ status, detail, waitingUntil });
  if (target.phase !== "pending") return view(target.phase, target.reason ?? "");
  if (!cluster) return view("skipped", "cluster no longer exists");
  if (cluster.paused) return view("paused", `paused by ${cluster.paused.by}: ${cluster.paused.reason}; it will be skipped when its wave comes`);
  const finished = progress.phase === "completed" || progress.phase === "superseded";
  if (finished) return view("skipped", `rollout ${progress.phase} before this cluster was changed`);
  if (target.wave > progress.currentWave) return view("queued", `waits for ${waveLabel(progress, target.wave)}`);
  if (progress.phase === "halted") return view("queued", "rollout halted");
  if (!cluster.online) return view("waiting-offline", "offline; gets the release when it reconnects");
  if (strategy.respectMaintenanceWindows) {
    const opens = nextMaintenanceWindowOpening(cluster.windows, cluster.timeZone, now);
    if (opens === null) return view("waiting-window", "its site's maintenance windows never open");
    if (opens > now) return view("waiting-window", `outside its site's maintenance window; opens ${formatLocal(opens, cluster.timeZone)}`, opens);
  }
  return view("queued", "about to be dispatched");
}

function formatLocal(instant: number, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
  return `${text} ${timeZone}`;
}
