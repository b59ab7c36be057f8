/**
 * A first-come, first-served budget of bytes in flight across every bundle transfer of the
 * centre: however many agents fetch at once, and however slowly they read, the centre never
 * holds more than `limit` bytes of unacknowledged frames (they would otherwise sit in socket
 * buffers, in memory).
 */
export interface ByteBudget {
  /** Resolves once `bytes` fit; rejects if `signal` aborts first (nothing is held then). */
  acquire(bytes: number, signal?: AbortSignal): Promise<void>;
  release(bytes: number): void;
  inUse(): number;
}

export function createByteBudget(limit: number): ByteBudget {
  let used = 0;
  const waiting: { bytes: number; grant: () => void }[] = [];
  const drain = () => {
    while (waiting.length > 0 && used + waiting[0]!.bytes <= limit) {
      const next = waiting.shift()!;
      used += next.bytes;
      next.grant();
    }
  };
  return {
    acquire(bytes, signal) {
      if (waiting.length === 0 && used + bytes <= limit) {
        used += bytes;
        return Promise.resolve();
      }
      return new Promise((resolve, reject) => {
        const entry = {
          bytes,
          grant: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        const onAbort = () => {
          const i = waiting.indexOf(entry);
          if (i >= 0) waiting.splice(i, 1);
          drain();
          reject(signal?.reason ?? new Error("aborted"));
        };
        waiting.push(entry);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    release(bytes) {
      used = Math.max(0, used - bytes);
      drain();
    },
    inUse: () => used,
  };
}
