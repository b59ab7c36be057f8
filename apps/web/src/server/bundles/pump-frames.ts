export interface PumpFramesOptions {
  signal?: AbortSignal;
  /** Queueing delay (acknowledgement time above the fastest seen) the window aims to stay under. */
  targetQueueMs?: number;
  minWindow?: number;
  maxWindow?: number;
  now?: () => number;
}

export interface PumpFramesResult {
  frames: number;
  /** The window (frames in flight) when the pump ended, for logs and tests. */
  window: number;
}

/**
 * Sends frames with a window of unacknowledged ones that sizes itself to the link: it grows
 * while acknowledgements come back about as fast as the fastest seen, and shrinks when they are
 * delayed by more than `targetQueueMs` (frames queueing in front of a slow link). So a fast or
 * lossy link is kept busy (the window reaches `maxWindow`), while on a slow one at most about
 * `targetQueueMs` of data waits in front of everything else on the connection — the socket's
 * heartbeats and pings included, which a fixed large window would delay past their timeouts.
 * Frames are sent in order; the first failed send ends the pump.
 */
export async function pumpFrames(source: AsyncIterable<Uint8Array>, send: (frame: Uint8Array) => Promise<void>, opts: PumpFramesOptions = {}): Promise<PumpFramesResult> {
  const now = opts.now ?? (() => performance.now());
  const target = opts.targetQueueMs ?? 1_000;
  const minWindow = opts.minWindow ?? 2;
  const maxWindow = opts.maxWindow ?? 16;
  let window = minWindow;
  let slowStart = true;
  let fastest = Infinity;
  let lastCut = -Infinity;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  let frames = 0;

  const acked = (sentAt: number) => {
    const t = now();
    const rtt = t - sentAt;
    fastest = Math.min(fastest, rtt);
    if (rtt - fastest <= target) {
      // Slow start doubles per round trip (+1 per ack); then one more frame per round trip.
      window = Math.min(maxWindow, window + (slowStart ? 1 : 1 / window));
    } else if (t - lastCut > fastest + target) {
      // At most one cut per round trip: the acks behind the first late one are late for the same reason.
      slowStart = false;
      lastCut = t;
      window = Math.max(minWindow, window * 0.7);
    }
  };

  for await (const frame of source) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
    while (inFlight.size >= Math.floor(window) && !failure) await Promise.race(inFlight);
    if (failure) throw failure;
    frames += 1;
    const sentAt = now();
    const p: Promise<void> = send(frame).then(
      () => {
        inFlight.delete(p);
        acked(sentAt);
      },
      (err: unknown) => {
        inFlight.delete(p);
        failure ??= err;
      },
    );
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { frames, window };
}
