import { readFileSync } from "node:fs";

/**
 * The time rollouts are scheduled by (waves, pauses, maintenance windows, health timeouts).
 * Tests move it without waiting for a real night: OUTPOST_ROLLOUT_CLOCK_OFFSET_FILE names a
 * file holding milliseconds to add to the wall clock (read again at most every 200 ms).
 */
export function createRolloutClock(offsetFile: string | undefined): () => number {
  if (!offsetFile) return Date.now;
  let offset = 0;
  let readAt = 0;
  return () => {
    const now = Date.now();
    if (now - readAt > 200) {
      readAt = now;
      try {
        offset = Number(readFileSync(offsetFile, "utf8").trim()) || 0;
      } catch {
        offset = 0;
      }
    }
    return now + offset;
  };
}
