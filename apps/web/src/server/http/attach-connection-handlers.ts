import type { Server as HttpServer } from "node:http";
import type { Server as HttpsServer } from "node:https";
import type { Socket } from "node:net";
import type { Namespace } from "socket.io";
import type { ServerContext } from "../context";
import { answerClientError } from "./answer-client-error";
import type { ConnectionGuard } from "./connection-guard";
import { createUpgradeDispatcher, type UpgradeHandler } from "./dispatch-upgrade";
import { refuseUpgrade } from "./refuse-upgrade";
import { SERVED_METHODS } from "./screen-request";

/** Options for createServer: Node checks the header and request timeouts this often (default 30 s). */
export const SERVER_TIMEOUTS = {
  /** The whole request head must arrive within this (slow-header floods end here). */
  headersTimeout: 10_000,
  /** The whole request, body included. */
  requestTimeout: 300_000,
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
};
/** A connection with nothing sent or received for this long is closed (streamed answers opt out). */
const IDLE_TIMEOUT_MS = 60_000;

export interface ConnectionHandlerOptions {
  ctx: ServerContext;
  guard: ConnectionGuard;
  /** For TLS the guard admits connections once their handshake is done (it has its own timeout). */
  tls: boolean;
  /** Next's own upgrade handler, in development only (hot reload). */
  devUpgrade?: UpgradeHandler;
  /** socket.io namespaces whose authenticated sockets prove their connection. */
  namespaces: Namespace[];
}

/**
 * Connection discipline for the centre's server: an idle timeout on every socket, every new
 * connection through the guard's limits, every upgrade answered (served or refused at once),
 * unparsable requests and CONNECT answered with a JSON error rather than dropped.
 */
export function attachConnectionHandlers(server: HttpServer | HttpsServer, opts: ConnectionHandlerOptions): void {
  const { guard } = opts;
  server.setTimeout(IDLE_TIMEOUT_MS);
  server.on(opts.tls ? "secureConnection" : "connection", (socket: Socket) => guard.admit(socket));
  // Every request head, socket.io's own included (its engine takes those before our handler).
  server.on("request", (req) => guard.requested(req.socket as Socket));
  server.on("upgrade", (req) => guard.requested(req.socket as Socket));
  server.on("upgrade", createUpgradeDispatcher(opts.ctx, guard, opts.devUpgrade));
  server.on("clientError", answerClientError);
  server.on("connect", (_req, socket) => refuseUpgrade(socket, 405, { error: { code: "METHOD_NOT_ALLOWED", message: "this method is not served by Outpost" } }, { allow: SERVED_METHODS.join(", ") }));
  for (const nsp of opts.namespaces) nsp.on("connection", (s) => guard.prove(s.request.socket as Socket));
}
