import type { ServerContext } from "../context";
import type { LiveConnection } from "./live-connections";
import { revalidateLiveConnections } from "./revalidate-live-connections";
import { log } from "../logging/log";

/**
 * Files an open socket or stream so that revocations reach it. If access changed between its
 * authentication and now, the change's sweep may have missed it: it is checked again at once.
 * Returns the function to call when it ends.
 */
export function registerLiveConnection(ctx: Pick<ServerContext, "db" | "authCache" | "connections">, conn: LiveConnection): () => void {
  const remove = ctx.connections.add(conn);
  if (conn.epoch !== ctx.authCache.epoch()) {
    revalidateLiveConnections(ctx, [conn]).catch((err: unknown) => {
      log.error({ err }, "could not check a new connection; closing it");
      conn.close("the centre could not check your access; try again");
    });
  }
  return remove;
}
