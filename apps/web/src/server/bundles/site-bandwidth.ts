/**
 * Per-site pacing of bundle bytes: all transfers to one site's clusters share its cap, so a
 * metered link is never asked for more than the operator allowed. Each send is scheduled after
 * the previous one's bytes have "drained" at the cap rate (no burst beyond one frame).
 */
export interface SiteBandwidth {
  /** Resolves when `bytes` may go to the site (at once without a cap); rejects if `signal` aborts first. */
  take(siteId: string, capBytesPerSec: number | null, bytes: number, signal?: AbortSignal): Promise<void>;
}

export function createSiteBandwidth(now: () => number = Date.now): SiteBandwidth {
  const nextFree = new Map<string, number>();
  return {
    take(siteId, cap, bytes, signal) {
      if (!cap) return Promise.resolve();
      const t = now();
      const start = Math.max(t, nextFree.get(siteId) ?? t);
      nextFree.set(siteId, start + (bytes / cap) * 1000);
      const wait = start - t;
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
