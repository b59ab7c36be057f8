import { ZTokenScope, type CurrentUser, type TokenScope } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Access } from "../access/access";
import { ACCESS_INCLUDE, toAccess } from "../access/to-access";
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
  /** The user's global role and cluster grants (see access/). */
  access: Access;
  /** What an API token may reach ("api", or one cluster's kube API); null for a session. */
  tokenScope: TokenScope | null;
  /** Names the credential (session or token) without revealing it: open sockets and streams are filed under it. */
  credentialKey: string;
  /** The auth cache's epoch when this was read from the database (see auth-cache.ts). */
  epoch: number;
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
    const epoch = cache?.epoch() ?? 0;
    const token = await db.apiToken.findUnique({ where: { tokenHash: hash }, include: { user: { include: ACCESS_INCLUDE } } });
    if (!token || token.user.disabled || (token.expiresAt && token.expiresAt <= now)) return null;
    // Recording use at most once a minute keeps scripted bursts from writing on every call.
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
      await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
    }
    const access = toAccess(token.user);
    const auth: Authenticated = { user: toCurrentUser(access), via: "api-token", access, tokenScope: ZTokenScope.catch("api").parse(token.scope), credentialKey: `t:${hash}`, epoch };
    cache?.set(`t:${hash}`, auth, token.expiresAt?.getTime() ?? Infinity, epoch);
    return auth;
  }
  if (creds.sessionToken) {
    const hash = hashSecretToken(creds.sessionToken);
    const cached = cache?.get(`s:${hash}`, now.getTime());
    if (cached) return cached;
    const epoch = cache?.epoch() ?? 0;
    const session = await db.session.findUnique({ where: { tokenHash: hash }, include: { user: { include: ACCESS_INCLUDE } } });
    if (!session || session.user.disabled || session.expiresAt <= now) return null;
    const access = toAccess(session.user);
    const auth: Authenticated = { user: toCurrentUser(access), via: "session", access, tokenScope: null, credentialKey: `s:${hash}`, epoch };
    cache?.set(`s:${hash}`, auth, session.expiresAt.getTime(), epoch);
    return auth;
  }
  return null;
}

function toCurrentUser(access: Access): CurrentUser {
  return { id: access.userId, username: access.username, role: access.globalRole };
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
