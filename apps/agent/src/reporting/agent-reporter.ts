import { ZClusterSnapshot, type ClusterChange, type ClusterDriver, type OutboxRecordInput } from "@outpost/cluster-core";
import { z } from "zod";
import type { Logger } from "../logging/logger";
import type { Outbox } from "../outbox/outbox";
import { describeError } from "../util/describe-error";
import { SnapshotSender } from "../connection/snapshot-sender";

/**
 * Everything the agent reports goes through here into the durable outbox, connected or not:
 * each change the driver names, and debounced snapshots of the whole picture (the outbox keeps
 * only the newest unsent one). Delivery is someone else's job (outbox-delivery.ts); this only
 * records and says when something new is waiting.
 */
export class AgentReporter {
  private readonly listeners = new Set<() => void>();
  private readonly snapshots: SnapshotSender;
  private stopWatch: (() => void) | undefined;

  constructor(
    readonly outbox: Outbox,
    private readonly driver: ClusterDriver,
    private readonly log: Logger,
  ) {
    this.snapshots = new SnapshotSender({
      send: () => this.recordSnapshot(),
      debounceMs: 250,
      maxWaitMs: 2_000,
      refreshMs: 60_000,
      retryMs: 5_000,
      onError: (err) => this.log.warn(`snapshot not recorded: ${describeError(err)}`),
    });
  }

  start(): void {
    this.stopWatch = this.driver.watch((change) => {
      if (change) void this.record({ kind: "change", at: new Date().toISOString(), change });
      this.snapshots.notifyChange();
    });
    this.snapshots.start();
  }

  stop(): void {
    this.stopWatch?.();
    this.snapshots.stop();
  }

  /** Queues a change found by someone else (the reconciler's drift reports). */
  recordChange(change: ClusterChange): Promise<void> {
    return this.record({ kind: "change", at: new Date().toISOString(), change });
  }

  /** Called whenever a record was appended. */
  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async recordSnapshot(): Promise<boolean> {
    const raw = await this.driver.snapshot();
    // A driver bug must never put garbage into the outbox (or the centre's database).
    const parsed = ZClusterSnapshot.safeParse(raw);
    if (!parsed.success) {
      this.log.error(`driver produced an invalid snapshot, not recording it: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}`);
      return false;
    }
    await this.record({ kind: "snapshot", at: new Date().toISOString(), snapshot: parsed.data });
    return true;
  }

  private async record(input: OutboxRecordInput): Promise<void> {
    try {
      await this.outbox.append(input);
    } catch (err) {
      this.log.error(`outbox append failed: ${describeError(err)}`);
      return;
    }
    for (const l of [...this.listeners]) l();
  }
}
