import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Nearest-rank percentile (p in 0..100) of an unsorted list; NaN for an empty one. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Counts of timestamps per whole second from `from` (bucket 0 = [from, from+1 s)), `buckets` long. */
export function perSecond(times: readonly number[], from: number, buckets: number): number[] {
  const out = new Array<number>(Math.max(0, buckets)).fill(0);
  for (const t of times) {
    const i = Math.floor((t - from) / 1000);
    if (i >= 0 && i < out.length) out[i]! += 1;
  }
  return out;
}

/** Runs `fn` over `items` with at most `limit` calls in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export interface ProcSample {
  t: number;
  /** CPU time used so far (user + system), seconds; NaN once the process is gone. */
  cpuSeconds: number;
  rssMiB: number;
}

/** CPU time and resident memory of a live process, from /proc (Linux). */
export function sampleProcess(pid: number): ProcSample {
  const t = Date.now();
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
    const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return { t, cpuSeconds, rssMiB: kb / 1024 };
  } catch {
    return { t, cpuSeconds: Number.NaN, rssMiB: Number.NaN };
  }
}

/** Samples processes every `everyMs` until stopped; samples are kept per pid. */
export function startSampler(pids: () => number[], everyMs: number) {
  const samples = new Map<number, ProcSample[]>();
  const take = () => {
    for (const pid of pids()) {
      const s = sampleProcess(pid);
      if (Number.isNaN(s.cpuSeconds)) continue;
      const list = samples.get(pid) ?? [];
      list.push(s);
      samples.set(pid, list);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
    },
  };
}

/** CPU used by a process between two moments (from its samples), and its peak 1-sample-window use and RSS. */
export function cpuBetween(samples: readonly ProcSample[], from: number, to: number) {
  const inside = samples.filter((s) => s.t >= from && s.t <= to);
  if (inside.length < 2) return null;
  const first = inside[0]!;
  const last = inside[inside.length - 1]!;
  let peakPct = 0;
  for (let i = 1; i < inside.length; i++) {
    const a = inside[i - 1]!;
    const b = inside[i]!;
    if (b.t > a.t) peakPct = Math.max(peakPct, ((b.cpuSeconds - a.cpuSeconds) / ((b.t - a.t) / 1000)) * 100);
  }
  return {
    cpuSeconds: last.cpuSeconds - first.cpuSeconds,
    avgPct: ((last.cpuSeconds - first.cpuSeconds) / ((last.t - first.t) / 1000)) * 100,
    peakPct,
    peakRssMiB: Math.max(...inside.map((s) => s.rssMiB)),
    lastRssMiB: last.rssMiB,
  };
}
