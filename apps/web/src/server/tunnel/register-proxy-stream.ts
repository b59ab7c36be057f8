import type { Role } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import type { Authenticated } from "../auth/authenticate";
import { registerLiveConnection } from "../access/register-live-connection";

/**
 * Files an open kube API stream (a watch, `logs -f`, an exec session) under its caller, so that
 * revoking their token, their user or their grant on this cluster calls `close` at once.
 * Returns the function to call when the stream ends.
 */
export function registerProxyStream(ctx: ServerContext, auth: Authenticated, cluster: { id: string; role: Role }, close: (reason: string) => void): () => void {
  return registerLiveConnection(ctx, { userId: auth.user.id, credentialKey: auth.credentialKey, epoch: auth.epoch, cluster, close });
}
