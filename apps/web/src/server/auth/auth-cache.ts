import type { Authenticated } from "./authenticate";

/**
 * Remembers recent successful authentications for a few seconds: the kube API proxy checks a
 * token on every call, and kubectl makes many. Correctness does not rest on the expiry: every
 * change that can end access (sign-out, token revoked, user disabled, demoted, deleted or given
 * a new password, grants and groups changed) clears the cache at once through `clear()`
 * (access/access-changed.ts).
 *
 * `clear()` also starts a new epoch. A lookup reads the epoch before it asks the database and
 * hands it to `set()`; an answer read before a clear is not cached, because the revocation may
 * have landed between its read and its `set()` (it would otherwise stay valid for the whole TTL).
 */
export interface AuthCache {
  get(key: string, now: number): Authenticated | undefined;
  set(key: string, value: Authenticated, until: number, epoch: number): void;
  clear(): void;
  /** Changes with every clear(). */
  epoch(): number;
}

const TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;

export function createAuthCache(): AuthCache {
  const entries = new Map<string, { value: Authenticated; until: number }>();
  let epoch = 0;
  return {
    get(key, now) {
      const e = entries.get(key);
      if (!e) return undefined;
      if (e.until <= now) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    set(key, value, until, seenEpoch) {
      if (seenEpoch !== epoch) return;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { value, until: Math.min(until, Date.now() + TTL_MS) });
    },
    clear() {
      epoch++;
      entries.clear();
    },
    epoch: () => epoch,
  };
}
