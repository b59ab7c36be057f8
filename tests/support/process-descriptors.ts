import { readdirSync } from "node:fs";

/** How many file descriptors a process holds right now (Linux: /proc/PID/fd). */
export function openDescriptors(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}
