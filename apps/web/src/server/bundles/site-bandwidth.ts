/**
 * Per-site pacing of bundle bytes: all transfers to one site's clusters share its cap, so a
 * metered link is never asked for more than the operator allowed. Each send is scheduled after
 * the previous one's bytes have "drained" at the cap rate. A sender that was late (a busy event
 * loop, a slow disk) may catch up on up to CATCH_UP_MS of unused allowance, so the rate over a
 * minute is the cap, not the cap minus every delay; it never runs ahead of the cap by more.
 */
export interface SiteBandwidth {
  /** Books `bytes` on the site's allowance: how many ms to wait before sending them (0: now). */
  reserve(siteId: string, capBytesPerSec: number | null, bytes: number): number;
  /** Resolves when `bytes` may go to the site (at once without a cap); rejects if `signal` aborts first. */
  take(siteId: string, capBytesPerSec: number | null, bytes: number, signal?: AbortSignal): Promise<void>;
}

const CATCH_UP_MS = 1_000;

export function createSiteBandwidth(now: () => number = Date.now): SiteBandwidth {
  const nextFree = new Map<string, number>();
  const reserve = (siteId: string, cap: number | null, bytes: number) => {
    if (!cap) return 0;
    const t = now();
    const start = Math.max(t - CATCH_UP_MS, nextFree.get(siteId) ?? t);
    nextFree.set(siteId, start + (bytes / cap) * 1000);
    return Math.max(0, start - t);
  };
  return {
    reserve,
    take(siteId, cap, bytes, signal) {
      const wait = reserve(siteId, cap, bytes);
      if (wait <= 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason ?? new Error("aborted"));
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, wait);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
