import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { ServerContext } from "../context";
import { readCookie, recentlyAuthenticated, SESSION_COOKIE } from "../auth/authenticate";
import type { ConnectionGuard } from "./connection-guard";

/**
 * A request with a credential that authenticated recently takes its connection out of the
 * unauthenticated limits. Memory only: the route still authenticates it properly.
 */
export function proveIfSignedIn(ctx: ServerContext, guard: ConnectionGuard, req: IncomingMessage): void {
  try {
    const creds = { sessionToken: readCookie(req.headers.cookie, SESSION_COOKIE), authorization: req.headers.authorization };
    if (recentlyAuthenticated(ctx.authCache, creds)) guard.prove(req.socket as Socket);
  } catch {
    // A malformed cookie proves nothing; the route answers it.
  }
}
