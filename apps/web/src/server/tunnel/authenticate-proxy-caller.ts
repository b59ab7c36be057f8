import type { IncomingMessage } from "node:http";
import type { ServerContext } from "../context";
import { authenticate, readCookie, SESSION_COOKIE, type Authenticated } from "../auth/authenticate";

/** Who is calling the kube proxy: an Outpost user by API token or session, or null. */
export async function authenticateProxyCaller(ctx: ServerContext, req: IncomingMessage): Promise<Authenticated | null> {
  return authenticate(ctx.db, { sessionToken: readCookie(req.headers.cookie, SESSION_COOKIE), authorization: req.headers.authorization }, ctx.authCache);
}
