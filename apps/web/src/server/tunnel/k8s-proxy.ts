import type { IncomingMessage, ServerResponse } from "node:http";
import { ZHttpMethod } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { authenticateProxyCaller } from "./authenticate-proxy-caller";
import { authorizeProxyRequest } from "./authorize-proxy-request";
import { auditProxyRequest } from "./audit-proxy-request";
import { classifyKubeRequest } from "./classify-kube-request";
import { findClusterConnection } from "./find-cluster-connection";
import { forwardProxyRequest } from "./forward-proxy-request";
import { sendKubeStatus } from "./kube-status";
import { K8S_PREFIX, parseK8sProxyUrl } from "./parse-k8s-proxy-url";
import { proxyCallerRefusal } from "./proxy-caller-refusal";
import { relayTunnelResponse } from "./relay-tunnel-response";
import { registerProxyStream } from "./register-proxy-stream";

/**
 * /k8s/clusters/:id/<kube API path>: a user's kubectl reaches the cluster's API server through
 * the agent's tunnel. The caller is an Outpost user with an API token, within their grants; the
 * agent sends the request as that user (impersonation), so the cluster's own RBAC decides what
 * they may do. Changes and the reads that matter are audited; the request closes at once if the
 * caller's access is revoked while it is open (a watch, `logs -f`). The agent uses its own local
 * credentials; none of them ever leaves the device.
 */
export async function handleK8sProxy(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = await authenticateProxyCaller(ctx, req);
  if (!auth) return sendKubeStatus(res, 401, proxyCallerRefusal(req));

  const method = ZHttpMethod.safeParse(req.method);
  if (!method.success) return sendKubeStatus(res, 400, `Outpost: method ${req.method} is not supported through the tunnel`);
  const target = parseK8sProxyUrl(req.url ?? "");
  if (!target.ok) return sendKubeStatus(res, target.status, `Outpost: ${target.message}`);
  const { clusterId, path } = target;
  if (req.headers.upgrade) return sendKubeStatus(res, 400, "Outpost: a connection upgrade must be sent as one (Connection: Upgrade)");

  const authz = await authorizeProxyRequest(ctx, auth, clusterId, req);
  if (!authz.ok) return sendKubeStatus(res, authz.status, authz.message);
  const found = await findClusterConnection(ctx, clusterId);
  if (!found.ok) return sendKubeStatus(res, found.status, found.message);
  const { tunnel, clusterName, features } = found.conn;
  if (!features.includes("impersonation")) {
    return sendKubeStatus(res, 502, `Outpost: the agent of ${clusterName} is too old to act as you on the cluster; upgrade it`);
  }

  const exchange = forwardProxyRequest(tunnel, req, res, { method: method.data, path, identity: authz.identity });
  const unregister = registerProxyStream(ctx, auth, { id: clusterId, role: authz.role }, (reason) => {
    exchange.cancel(reason);
    res.destroy();
  });
  let status: number;
  try {
    status = await relayTunnelResponse(exchange, res, { method: method.data, proxyPrefix: `${K8S_PREFIX}${clusterId}` });
  } finally {
    unregister();
  }
  const entry = classifyKubeRequest(method.data, path) ?? (authz.impersonated ? { action: "k8s.impersonate", details: { path: path.split("?")[0], method: method.data } } : null);
  if (entry) await auditProxyRequest(ctx, auth.user, { entry, clusterId, clusterName, status, ...(authz.impersonated ? { actingAs: authz.identity } : {}) });
}
