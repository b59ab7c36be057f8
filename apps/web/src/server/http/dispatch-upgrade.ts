import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { ServerContext } from "../context";
import { handleK8sUpgrade } from "../tunnel/handle-k8s-upgrade";
import { kubeStatusBody } from "../tunnel/kube-status-body";
import type { ConnectionGuard } from "./connection-guard";
import { proveIfSignedIn } from "./prove-if-signed-in";
import { refuseUpgrade } from "./refuse-upgrade";
import { log } from "../logging/log";

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => unknown;

/** socket.io's engine (attached to the same server) serves upgrades under this path itself. */
const SOCKET_IO_PATH = "/socket.io/";
/** Next's hot reload in development; nothing else of Next's is an upgrade. */
const NEXT_DEV_PATH = "/_next/";

/**
 * Decides every HTTP upgrade request: socket.io's own, the kube proxy's (/k8s/), Next's hot
 * reload in development; anything else is refused and closed at once rather than left open.
 */
export function createUpgradeDispatcher(ctx: ServerContext, guard: ConnectionGuard, devUpgrade?: UpgradeHandler): UpgradeHandler {
  return (req, socket, head) => {
    if (guard.refused(req.socket)) return;
    proveIfSignedIn(ctx, guard, req);
    const url = req.url ?? "";
    if (url.startsWith(SOCKET_IO_PATH)) return;
    socket.on("error", () => socket.destroy());
    if (url.startsWith("/k8s/")) {
      handleK8sUpgrade(ctx, req, socket, head).catch((err: unknown) => {
        log.error({ err, path: req.url }, "kube proxy upgrade failed");
        refuseUpgrade(socket, 500, kubeStatusBody(500, "Outpost: internal error; the centre's log has the details"));
      });
      return;
    }
    if (devUpgrade && url.startsWith(NEXT_DEV_PATH)) return void devUpgrade(req, socket, head);
    refuseUpgrade(socket, 404, { error: { code: "NOT_FOUND", message: "no connection upgrade is served at this address" } });
  };
}
