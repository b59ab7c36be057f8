export interface SnapshotSenderOptions {
  /** Takes and sends one snapshot; true when the centre acknowledged it. */
  send: () => Promise<boolean>;
  /** Quiet time after a change before sending, so a burst of changes becomes one snapshot. */
  debounceMs: number;
  /** A steady stream of changes still gets a snapshot out at least this often. */
  maxWaitMs: number;
  /** With no changes at all, a full snapshot still goes out this often. */
  refreshMs: number;
  /** After a failed send, try again this soon (not at once: the failure may be persistent). */
  retryMs: number;
  /** Called when `send` throws; the sender itself never throws. */
  onError?: (err: unknown) => void;
}

/**
 * When to send snapshots over one connection: immediately on start, debounced and coalesced on
 * change, at most one in flight (changes seen meanwhile trigger one more send right after the
 * ack, because the in-flight snapshot may predate them), and periodically as a safety net.
 * Pure timing logic; the snapshot and the socket live in `send`.
 */
export class SnapshotSender {
  private inFlight = false;
  private changedDuringFlight = false;
  private stopped = false;
  private firstUnsentChangeAt: number | null = null;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: SnapshotSenderOptions) {}

  /** Sends the first snapshot now. */
  start(): void {
    this.flush();
  }

  /** Something in the cluster may have changed. */
  notifyChange(): void {
    if (this.stopped) return;
    const now = Date.now();
    this.firstUnsentChangeAt ??= now;
    const deadline = this.firstUnsentChangeAt + this.options.maxWaitMs;
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => this.flush(), Math.max(0, Math.min(this.options.debounceMs, deadline - now)));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.debounceTimer);
    clearTimeout(this.refreshTimer);
  }

  private flush(): void {
    if (this.stopped) return;
    // The snapshot about to be taken covers every change notified so far.
    clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
    this.firstUnsentChangeAt = null;
    if (this.inFlight) {
      this.changedDuringFlight = true;
      return;
    }
    this.inFlight = true;
    this.changedDuringFlight = false;
    clearTimeout(this.refreshTimer);
    void this.sendOnce().then((ok) => {
      this.inFlight = false;
      if (this.stopped) return;
      if (this.changedDuringFlight) return this.flush();
      this.refreshTimer = setTimeout(() => this.flush(), ok ? this.options.refreshMs : this.options.retryMs);
    });
  }

  private async sendOnce(): Promise<boolean> {
    try {
      return await this.options.send();
    } catch (err) {
      this.options.onError?.(err);
      return false;
    }
  }
}
