import type { ClusterChange, ClusterDriver, DesiredApplied, DesiredState } from "@outpost/cluster-core";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import type { DesiredStateStore } from "./desired-state-store";

export interface ReconcilerOptions {
  driver: ClusterDriver;
  store: DesiredStateStore;
  /** How often the desired state is applied again, to catch drift. */
  intervalMs: number;
  log: Logger;
  /** An object had drifted and was put back (queued in the durable outbox by the caller). */
  onDrift: (change: ClusterChange) => void;
  /** A generation was reconciled for the first time (sent to the centre when connected). */
  onApplied: (report: DesiredApplied) => void;
}

/**
 * Keeps the cluster as the centre wants it, with or without a link: applies the cached desired
 * state on start, whenever a newer generation arrives, and every interval. An apply that had to
 * change an object outside a new generation means someone or something changed it: that is
 * drift, reported through the outbox so the centre learns of it even after days offline.
 */
export class Reconciler {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> = Promise.resolve();
  private appliedGeneration = 0;

  constructor(private readonly opts: ReconcilerOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.reconcile(), this.opts.intervalMs);
    this.timer.unref();
    void this.reconcile();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A generation from the centre: cached first (so it survives a crash), then applied. */
  async offer(state: DesiredState): Promise<void> {
    if (await this.opts.store.offer(state)) await this.reconcile();
  }

  /** One pass; passes never overlap. */
  reconcile(): Promise<void> {
    this.running = this.running.then(() => this.pass());
    return this.running;
  }

  private async pass(): Promise<void> {
    const state = this.opts.store.current();
    if (!state || state.manifests.length === 0) return;
    const firstOfGeneration = state.generation !== this.appliedGeneration;
    try {
      const results = await this.opts.driver.apply(state.manifests);
      if (!firstOfGeneration) {
        for (const r of results.filter((x) => x.action === "applied")) {
          this.opts.log.warn(`drift: ${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name} differed from the desired state and was put back`);
          this.opts.onDrift({
            type: "DRIFT",
            kind: r.kind,
            namespace: r.namespace ?? "",
            name: r.name,
            resourceVersion: "",
            summary: `differed from desired generation ${state.generation}; put back`,
          });
        }
      }
      if (firstOfGeneration) {
        this.appliedGeneration = state.generation;
        this.opts.onApplied({ generation: state.generation, ok: true, message: `${results.length} object(s) applied` });
      }
    } catch (err) {
      const message = describeError(err);
      this.opts.log.warn(`reconcile of desired generation ${state.generation} failed: ${message}`);
      if (firstOfGeneration) this.opts.onApplied({ generation: state.generation, ok: false, message });
    }
  }
}
