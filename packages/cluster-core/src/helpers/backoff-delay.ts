export interface BackoffOptions {
  /** First delay's upper bound, ms. */
  baseMs: number;
  /** No delay is ever longer than this, ms. */
  capMs: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  random?: () => number;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): "full jitter" exponential backoff, a
 * uniform pick in [0, min(cap, base·2^attempt)). Jitter spreads a fleet's reconnections after
 * a centre restart instead of having every agent knock at the same instant.
 */
export function backoffDelay(attempt: number, { baseMs, capMs, random = Math.random }: BackoffOptions): number {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError(`attempt must be a whole number ≥ 0, got ${attempt}`);
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
