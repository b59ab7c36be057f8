/** How long a failed sign-in counts against its username. */
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;

export interface LoginThrottle {
  /**
   * Seconds until the username may try again, or 0 if it may now; asked before the password is
   * checked. (A number, not a thrown error: this object lives in server.ts's module graph, and
   * errors of another graph's classes fail the route handlers' instanceof checks.)
   */
  retryAfterSeconds(username: string): number;
  failed(username: string): void;
  succeeded(username: string): void;
}

export interface LoginThrottleOptions {
  /** Failed sign-ins per username allowed within the window before it is locked. */
  maxFailures: number;
  windowMs: number;
  now?: () => number;
  /** Usernames tracked at most; the least recently failed are forgotten first. */
  maxTracked?: number;
}

/**
 * Password guessing is slowed per username: after `maxFailures` wrong passwords within the
 * window, that name is refused (429, before any password check) until its oldest failure leaves
 * the window. Per username rather than per address, because the centre often sits behind a
 * proxy where every browser has the same address; a locked name costs its owner minutes at
 * most. Kept in memory: a restart forgets it, which costs a guesser a restart of the centre.
 */
export function createLoginThrottle(opts: LoginThrottleOptions): LoginThrottle {
  const now = opts.now ?? Date.now;
  const maxTracked = opts.maxTracked ?? 10_000;
  const failures = new Map<string, number[]>();
  const key = (username: string) => username.toLowerCase();
  const recent = (k: string, t: number) => (failures.get(k) ?? []).filter((at) => t - at < opts.windowMs);

  return {
    retryAfterSeconds(username) {
      const t = now();
      const times = recent(key(username), t);
      if (times.length < opts.maxFailures) return 0;
      return Math.max(1, Math.ceil((times[0]! + opts.windowMs - t) / 1000));
    },
    failed(username) {
      const k = key(username);
      const t = now();
      const times = recent(k, t);
      times.push(t);
      // Re-inserted last, so the Map's order is least recently failed first.
      failures.delete(k);
      failures.set(k, times.slice(-opts.maxFailures));
      while (failures.size > maxTracked) failures.delete(failures.keys().next().value!);
    },
    succeeded(username) {
      failures.delete(key(username));
    },
  };
}
