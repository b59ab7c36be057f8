import type { Authenticated } from "./authenticate";

/**
 * Remembers recent successful authentications for a few seconds: the kube API proxy checks a
 * token on every call, and kubectl makes many. Correctness does not rest on the expiry: every
 * change that can end access (sign-out, token revoked, user disabled, demoted, deleted or given
 * a new password) clears the cache at once through `clear()`.
 */
export interface AuthCache {
  get(key: string, now: number): Authenticated | undefined;
  set(key: string, value: Authenticated, until: number): void;
  clear(): void;
}

const TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;

export function createAuthCache(): AuthCache {
  const entries = new Map<string, { value: Authenticated; until: number }>();
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
    set(key, value, until) {
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(key, { value, until: Math.min(until, Date.now() + TTL_MS) });
    },
    clear: () => entries.clear(),
  };
}
