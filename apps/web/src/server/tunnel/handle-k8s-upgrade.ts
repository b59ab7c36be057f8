import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { ServerContext } from "../context";
import { refuseUpgrade } from "../http/refuse-upgrade";
import { kubeStatusBody } from "./kube-status-body";

/**
 * Every upgrade request under /k8s/ (kubectl exec, attach, port-forward) arrives here with its
 * raw socket. Until they are relayed through the tunnel, each is answered at once with a
 * Status and closed.
 */
export async function handleK8sUpgrade(_ctx: ServerContext, _req: IncomingMessage, socket: Duplex, _head: Buffer): Promise<void> {
  refuseUpgrade(socket, 400, kubeStatusBody(400, "Outpost: exec, attach and port-forward (connection upgrades) are not supported through the tunnel yet"));
}
