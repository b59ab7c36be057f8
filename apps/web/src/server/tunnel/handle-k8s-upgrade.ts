import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { TUNNEL_REQUEST_HEADERS, TUNNEL_UPGRADE_HEADERS, ZHttpMethod, type TunnelOpen, type TunnelUpgradeHeaders } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { refuseUpgrade } from "../http/refuse-upgrade";
import { authenticateProxyCaller } from "./authenticate-proxy-caller";
import { authorizeProxyRequest } from "./authorize-proxy-request";
import { auditProxyRequest } from "./audit-proxy-request";
import { TunnelError } from "./centre-tunnel";
import { classifyKubeRequest } from "./classify-kube-request";
import { findClusterConnection } from "./find-cluster-connection";
import { kubeStatusBody } from "./kube-status-body";
import { parseK8sProxyUrl } from "./parse-k8s-proxy-url";
import { proxyCallerRefusal } from "./proxy-caller-refusal";
import { registerProxyStream } from "./register-proxy-stream";
import { relayUpgradedConnection } from "./relay-upgraded-connection";
import { writeRawResponse } from "./write-raw-response";

/**
 * Every upgrade request under /k8s/ (kubectl exec, attach, cp, port-forward, over WebSocket or
 * SPDY) arrives here with its raw socket. It is authorized like any kube request, sent to the
 * agent as the caller's identity, and once the cluster switches protocols the connection is
 * relayed as an opaque byte stream through the tunnel. Exec, attach and port-forward are
 * audited with user, cluster, pod and command; revoking the caller's access cuts it at once.
 */
export async function handleK8sUpgrade(ctx: ServerContext, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const refuse = (status: number, message: string) => refuseUpgrade(socket, status, kubeStatusBody(status, message));
  const auth = await authenticateProxyCaller(ctx, req);
  if (!auth) return refuse(401, proxyCallerRefusal(req));
  const method = ZHttpMethod.safeParse(req.method);
  if (!method.success || (method.data !== "GET" && method.data !== "POST")) return refuse(400, `Outpost: method ${req.method} cannot upgrade a connection`);
  const target = parseK8sProxyUrl(req.url ?? "");
  if (!target.ok) return refuse(target.status, `Outpost: ${target.message}`);
  const { clusterId, path } = target;

  const authz = await authorizeProxyRequest(ctx, auth, clusterId, req);
  if (!authz.ok) return refuse(authz.status, authz.message);
  const found = await findClusterConnection(ctx, clusterId);
  if (!found.ok) return refuse(found.status, found.message);
  const { tunnel, clusterName, features } = found.conn;
  if (!features.includes("upgrade") || !features.includes("impersonation")) {
    return refuse(502, `Outpost: the agent of ${clusterName} is too old for exec, attach and port-forward; upgrade it`);
  }

  const exchange = tunnel.open({ method: method.data, path, headers: requestHeaders(req), identity: authz.identity, upgrade: upgradeHeaders(req) });
  const unregister = registerProxyStream(ctx, auth, { id: clusterId, role: authz.role }, (reason) => {
    exchange.cancel(reason);
    socket.destroy();
  });
  socket.once("close", () => exchange.cancel("the caller closed the connection"));
  const entry = classifyKubeRequest(method.data, path) ?? { action: "k8s.upgrade", details: { path: path.split("?")[0] } };
  let status = 502;
  try {
    const response = await exchange.response;
    status = response.status;
    void auditProxyRequest(ctx, auth.user, { entry, clusterId, clusterName, status, ...(authz.impersonated ? { actingAs: authz.identity } : {}) });
    if (status === 101) await relayUpgradedConnection(exchange, response, socket, head);
    else await writeRawResponse(exchange, response, socket);
  } catch (err) {
    status = err instanceof TunnelError ? err.status : 502;
    refuse(status, `Outpost: ${err instanceof Error ? err.message : "the tunnel failed"}`);
  } finally {
    unregister();
  }
}

function requestHeaders(req: IncomingMessage): TunnelOpen["headers"] {
  const headers: TunnelOpen["headers"] = {};
  for (const name of TUNNEL_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  return headers;
}

/** The handshake headers, each protocol offer kept as its own value (X-Stream-Protocol-Version repeats). */
function upgradeHeaders(req: IncomingMessage): TunnelUpgradeHeaders {
  const headers: TunnelUpgradeHeaders = {};
  for (const name of TUNNEL_UPGRADE_HEADERS) {
    const values = req.headersDistinct[name];
    if (values && values.length > 0) headers[name] = values.length === 1 ? values[0]! : values.slice(0, 16);
  }
  return headers;
}
