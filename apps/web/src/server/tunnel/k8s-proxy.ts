import type { IncomingMessage, ServerResponse } from "node:http";
import { ZHttpMethod, type HttpMethod } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { hasRole } from "../auth/roles";
import { authenticateProxyCaller } from "./authenticate-proxy-caller";
import { auditProxyRequest } from "./audit-proxy-request";
import { findClusterConnection } from "./find-cluster-connection";
import { forwardProxyRequest } from "./forward-proxy-request";
import { sendKubeStatus } from "./kube-status";
import { K8S_PREFIX, parseK8sProxyUrl } from "./parse-k8s-proxy-url";
import { relayTunnelResponse } from "./relay-tunnel-response";

const READ_METHODS: ReadonlySet<HttpMethod> = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * /k8s/clusters/:id/<kube API path>: a user's kubectl reaches the cluster's API server through
 * the agent's tunnel. The caller is an Outpost user (API token or session); viewers may only
 * read, operators and admins may change things, and every change is audited. The agent uses
 * its own local credentials; none of them ever leaves the device.
 */
export async function handleK8sProxy(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = await authenticateProxyCaller(ctx, req);
  if (!auth) return sendKubeStatus(res, 401, "Outpost: send an Outpost API token (download a kubeconfig from the cluster's page)");

  const method = ZHttpMethod.safeParse(req.method);
  if (!method.success) return sendKubeStatus(res, 400, `Outpost: method ${req.method} is not supported through the tunnel`);
  const target = parseK8sProxyUrl(req.url ?? "");
  if (!target.ok) return sendKubeStatus(res, target.status, `Outpost: ${target.message}`);
  const { clusterId, path } = target;
  if (req.headers.upgrade) return sendKubeStatus(res, 400, "Outpost: exec, attach and port-forward (connection upgrades) are not supported through the tunnel yet");

  const mutating = !READ_METHODS.has(method.data);
  if (mutating && !hasRole(auth.user.role, "operator")) {
    return sendKubeStatus(res, 403, `Outpost: user ${auth.user.username} (${auth.user.role}) may only read; ${method.data} needs the operator role`);
  }

  const found = await findClusterConnection(ctx, clusterId);
  if (!found.ok) return sendKubeStatus(res, found.status, found.message);
  const { tunnel, clusterName } = found.conn;

  const exchange = forwardProxyRequest(tunnel, req, res, { method: method.data, path });
  const status = await relayTunnelResponse(exchange, res, { method: method.data, proxyPrefix: `${K8S_PREFIX}${clusterId}` });
  if (mutating) await auditProxyRequest(ctx, auth.user, { method: method.data, clusterId, clusterName, path, status });
}
