import { readFileSync } from "node:fs";

export interface RssSampler {
  /** Highest resident set size seen, bytes. */
  peak(): number;
  stop(): void;
}

/** Resident memory of a process, bytes (VmRSS). */
export function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
}

/** Samples a process's RSS every `everyMs` and keeps the peak. */
export function sampleRss(pid: number, everyMs = 100): RssSampler {
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // the process ended
    }
  }, everyMs);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}
