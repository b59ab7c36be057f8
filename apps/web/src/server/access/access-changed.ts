import type { ServerContext } from "../context";
import { revalidateLiveConnections } from "./revalidate-live-connections";
import { log } from "../logging/log";

/**
 * Call after any change that can end or narrow access: a session ended, a token revoked, a user
 * disabled, deleted, demoted or given a new password, a grant or group changed. Cached
 * authentications are forgotten and every open socket and stream is checked again at once,
 * so what was revoked closes now rather than at its next request.
 */
export async function accessChanged(ctx: Pick<ServerContext, "db" | "authCache" | "connections">): Promise<void> {
  ctx.authCache.clear();
  const closed = await revalidateLiveConnections(ctx, ctx.connections.list());
  if (closed > 0) log.info({ closed }, "open connections closed after an access change");
}
