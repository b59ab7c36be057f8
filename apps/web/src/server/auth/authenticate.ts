import { ZRole, type CurrentUser } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { hashSecretToken } from "./secret-token";
import type { AuthCache } from "./auth-cache";
import { AppError } from "../errors/app-error";

export const SESSION_COOKIE = "outpost_session";

export interface Credentials {
  /** The session cookie's value, if any. */
  sessionToken?: string | null;
  /** The Authorization header, if any ("Bearer opt_…"). */
  authorization?: string | null;
}

export interface Authenticated {
  user: CurrentUser;
  via: "session" | "api-token";
}

/** The auth cache's key for these credentials (a bearer token wins over a session), or null. */
function cacheKey(creds: Credentials): string | null {
  const bearer = creds.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return `t:${hashSecretToken(bearer)}`;
  return creds.sessionToken ? `s:${hashSecretToken(creds.sessionToken)}` : null;
}

/**
 * Whether these credentials authenticated recently, from the cache alone (no database): cheap
 * enough to ask on every connection, e.g. to tell signed-in callers from anonymous ones.
 */
export function recentlyAuthenticated(cache: AuthCache, creds: Credentials, now = Date.now()): boolean {
  const key = cacheKey(creds);
  return key !== null && cache.get(key, now) !== undefined;
}

/**
 * Resolves a session cookie or API token to its user; null when missing, unknown, expired or
 * disabled. With a cache, recent successes are answered from memory (see auth-cache.ts).
 */
export async function authenticate(db: Db, creds: Credentials, cache?: AuthCache, now = new Date()): Promise<Authenticated | null> {
  const bearer = creds.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const hash = hashSecretToken(bearer);
    const cached = cache?.get(`t:${hash}`, now.getTime());
    if (cached) return cached;
    const token = await db.apiToken.findUnique({ where: { tokenHash: hash }, include: { user: true } });
    if (!token || token.user.disabled || (token.expiresAt && token.expiresAt <= now)) return null;
    // Recording use at most once a minute keeps scripted bursts from writing on every call.
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    const auth: Authenticated = { user: toCurrentUser(token.user), via: "api-token" };
    cache?.set(`t:${hash}`, auth, token.expiresAt?.getTime() ?? Infinity);
    return auth;
  }
  if (creds.sessionToken) {
    const hash = hashSecretToken(creds.sessionToken);
    const cached = cache?.get(`s:${hash}`, now.getTime());
    if (cached) return cached;
    const session = await db.session.findUnique({ where: { tokenHash: hash }, include: { user: true } });
    if (!session || session.user.disabled || session.expiresAt <= now) return null;
    const auth: Authenticated = { user: toCurrentUser(session.user), via: "session" };
    cache?.set(`s:${hash}`, auth, session.expiresAt.getTime());
    return auth;
  }
  return null;
}

function toCurrentUser(u: { id: string; username: string; role: string }): CurrentUser {
  return { id: u.id, username: u.username, role: ZRole.catch("viewer").parse(u.role) };
}

/**
 * Reads one cookie from a raw Cookie header (socket.io handshakes have no parsed cookies); the
 * one reader of Outpost's cookies, so a malformed value gets the same 400 everywhere.
 */
export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        throw new AppError("BAD_REQUEST", `the ${name} cookie is not valid percent-encoding; sign in again`);
      }
    }
  }
  return null;
}
