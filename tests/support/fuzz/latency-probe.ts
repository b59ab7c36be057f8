import type { ApiClient } from "../api-client";

export interface LatencyProbe {
  /** Latencies (ms) of the probe requests answered since the last call, and resets the window. */
  take(): number[];
  stop(): Promise<void>;
}

/** A signed-in user asking `GET /api/v1/me` every `everyMs` while something else goes on. */
export function startLatencyProbe(client: ApiClient, everyMs = 200): LatencyProbe {
  let window: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const res = await client.call("GET", "/api/v1/me").catch(() => null);
      window.push(res?.status === 200 ? performance.now() - started : Number.POSITIVE_INFINITY);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    take() {
      const w = window;
      window = [];
      return w;
    },
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** The q-th quantile (0..1) of the values, nearest rank. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
