import { objectRefKey, objectRefOf, objectsToPrune, type ClusterChange, type ClusterDriver, type DesiredApplied, type DesiredState, type KubeManifest, type ObjectRef } from "@outpost/cluster-core";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import type { AppliedObjectsStore } from "./applied-objects-store";
import type { DesiredStateStore } from "./desired-state-store";

export interface ReconcilerOptions {
  driver: ClusterDriver;
  store: DesiredStateStore;
  /** What earlier generations put on the cluster, to delete what a new one no longer lists. */
  applied: AppliedObjectsStore;
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
 * Objects an earlier generation applied and the current one no longer lists are deleted.
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
    if (!state) return;
    const firstOfGeneration = state.generation !== this.appliedGeneration;
    try {
      const deleted = await this.prune(state.manifests);
      const results = state.manifests.length > 0 ? await this.opts.driver.apply(state.manifests) : [];
      await this.opts.applied.replace(state.manifests.map(objectRefOf));
      if (!firstOfGeneration) {
        for (const r of results.filter((x) => x.action === "applied")) {
          this.opts.log.warn({ kind: r.kind, namespace: r.namespace, name: r.name }, "drift: an object differed from the desired state and was put back");
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
        const removed = deleted > 0 ? `, ${deleted} no longer listed deleted` : "";
        this.opts.onApplied({ generation: state.generation, ok: true, message: `${results.length} object(s) applied${removed}` });
      }
    } catch (err) {
      const message = describeError(err);
      this.opts.log.warn({ generation: state.generation, reason: message }, "reconcile of desired state failed");
      if (firstOfGeneration) this.opts.onApplied({ generation: state.generation, ok: false, message });
    }
  }

  /**
   * Deletes what earlier generations applied and `manifests` no longer lists. The new objects
   * are recorded before anything changes, so a crash half-way still knows every object of ours.
   */
  private async prune(manifests: KubeManifest[]): Promise<number> {
    const previous = this.opts.applied.current();
    const gone = objectsToPrune(previous, manifests);
    const known = new Set(previous.map(objectRefKey));
    const added = manifests.map(objectRefOf).filter((r) => !known.has(objectRefKey(r)));
    if (added.length > 0) await this.opts.applied.replace([...previous, ...added]);
    if (gone.length === 0) return 0;
    const results = await this.opts.driver.delete(gone.map(stubOf));
    const deleted = results.filter((x) => x.action === "deleted");
    for (const r of deleted) this.opts.log.info(`deleted ${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}: the desired state no longer lists it`);
    return deleted.length;
  }
}

function stubOf(ref: ObjectRef): KubeManifest {
  return { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } };
}
