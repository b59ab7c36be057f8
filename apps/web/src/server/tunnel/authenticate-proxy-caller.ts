import type { IncomingMessage } from "node:http";
import type { ServerContext } from "../context";
import { authenticate, type Authenticated } from "../auth/authenticate";

/**
 * Who is calling the kube proxy: an Outpost user by API token (kubeconfig or api scope), or
 * null. Never the browser's session cookie: the proxy relays what devices and in-cluster
 * services answer, and nothing a device sends may ride on an admin's signed-in browser.
 */
export async function authenticateProxyCaller(ctx: ServerContext, req: IncomingMessage): Promise<Authenticated | null> {
  return authenticate(ctx.db, { authorization: req.headers.authorization }, ctx.authCache);
}
