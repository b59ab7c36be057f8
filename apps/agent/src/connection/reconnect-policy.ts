import { backoffDelay } from "@outpost/cluster-core";

export interface ReconnectPolicyOptions {
  baseMs: number;
  capMs: number;
  /** A connection that stayed up this long counts as healthy: the next failure starts over. */
  stableAfterMs: number;
  random?: () => number;
}

/**
 * Decides how long to wait before the next connection attempt. Without the reset, an agent
 * that was online for days would wait up to the cap after a brief blip; without the "stable"
 * threshold, a centre that accepts and then drops connections would be hammered at base delay.
 */
export class ReconnectPolicy {
  private attempt = 0;

  constructor(private readonly options: ReconnectPolicyOptions) {}

  /** `connectedForMs` is how long the last connection was up, or null if it never came up. */
  nextDelay(connectedForMs: number | null): number {
    if (connectedForMs !== null && connectedForMs >= this.options.stableAfterMs) this.attempt = 0;
    const delay = backoffDelay(this.attempt, this.options);
    this.attempt = Math.min(this.attempt + 1, 30);
    return delay;
  }
}
