import type { ApplyResult, ClusterChange, ClusterDriver, ClusterSnapshot, KubeManifest, NodeInfo } from "@outpost/cluster-core";
import type { Logger } from "../logging/logger";
import { createSeededRandom } from "./seeded-random";
import { SimCluster } from "./sim-cluster";

export interface SimDriverOptions {
  /** Seeds everything: the same name gives the same cluster and the same changes. */
  name: string;
  /** Mean time between random changes (each one ±30 %). */
  changeIntervalMs: number;
  log?: Logger;
  /** Clock, injectable for tests. */
  now?: () => number;
}

/**
 * A simulated k3s cluster for demos and for loading the centre with many agents. It never
 * claims to be real: the agent registers it with `simulated: true`.
 */
export class SimDriver implements ClusterDriver {
  readonly kind = "simulated" as const;
  private readonly cluster: SimCluster;
  /** Separate stream for timing, so the sequence of changes does not depend on timer counts. */
  private readonly timingRandom: () => number;
  private readonly listeners = new Set<(change?: ClusterChange) => void>();
  private changeCount = 0;
  private readonly now: () => number;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: SimDriverOptions) {
    this.now = options.now ?? Date.now;
    this.cluster = new SimCluster({
      name: options.name,
      random: createSeededRandom(`outpost-sim:${options.name}`),
      changeIntervalMs: options.changeIntervalMs,
    });
    this.timingRandom = createSeededRandom(`outpost-sim-timing:${options.name}`);
  }

  async snapshot(): Promise<ClusterSnapshot> {
    return this.cluster.snapshot(this.now());
  }

  watch(onChange: (change?: ClusterChange) => void): () => void {
    this.listeners.add(onChange);
    if (this.listeners.size === 1 && !this.closed) {
      this.scheduleNextChange();
      this.armSettleTimer();
    }
    return () => {
      this.listeners.delete(onChange);
      if (this.listeners.size === 0) this.stopTimers();
    };
  }

  /** Demo aid (SIGUSR2): flips a node's Ready state and reports the node as it is now. */
  toggleNodeReady(): NodeInfo {
    const node = this.cluster.toggleNodeReady();
    this.changed();
    return node;
  }

  async apply(manifests: KubeManifest[]): Promise<ApplyResult[]> {
    const results = manifests.map((m) => this.cluster.apply(m, this.now()));
    this.changed();
    return results;
  }

  async delete(manifests: KubeManifest[]): Promise<ApplyResult[]> {
    const results = manifests.map((m) => this.cluster.delete(m));
    this.changed();
    return results;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    this.stopTimers();
  }

  private scheduleNextChange(): void {
    const delay = Math.round(this.options.changeIntervalMs * (0.7 + 0.6 * this.timingRandom()));
    this.changeTimer = setTimeout(() => {
      const description = this.cluster.applyRandomChange(this.now());
      this.options.log?.info(`simulated change: ${description}`);
      this.changed(description);
      this.scheduleNextChange();
    }, delay);
  }

  /** Fires at the next rollout's end so watchers hear about it without waiting for a change. */
  private armSettleTimer(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    const at = this.cluster.nextSettleAt();
    if (at === null || this.listeners.size === 0) return;
    this.settleTimer = setTimeout(() => {
      const settled = this.cluster.settleDue(this.now());
      for (const description of settled) this.options.log?.info(`simulated change: ${description}`);
      // Empty when a snapshot already settled them lazily (and so already reported them).
      if (settled.length > 0) this.changed(...settled);
      else this.armSettleTimer();
    }, Math.max(0, at - this.now()));
  }

  private changed(...descriptions: string[]): void {
    if (this.closed) return;
    this.armSettleTimer();
    const changes = descriptions.map((summary): ClusterChange => ({
      type: "MODIFIED",
      kind: "SimulatedChange",
      namespace: "",
      name: this.options.name,
      resourceVersion: String(++this.changeCount),
      summary: summary.slice(0, 256),
    }));
    for (const listener of [...this.listeners]) {
      if (changes.length === 0) listener();
      for (const change of changes) listener(change);
    }
  }

  private stopTimers(): void {
    clearTimeout(this.changeTimer);
    clearTimeout(this.settleTimer);
    this.changeTimer = undefined;
    this.settleTimer = undefined;
  }
}
