import type { IncomingMessage, ServerResponse } from "node:http";
import { TUNNEL_REQUEST_HEADERS, ZHttpMethod, type HttpMethod } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { authenticate, readCookie, SESSION_COOKIE } from "../auth/authenticate";
import { hasRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { TunnelError } from "./centre-tunnel";
import { sendKubeStatus } from "./kube-status";
import { parseK8sProxyUrl } from "./parse-k8s-proxy-url";

const READ_METHODS: ReadonlySet<HttpMethod> = new Set(["GET", "HEAD", "OPTIONS"]);
// Hop-by-hop headers belong to one connection, not to the exchange being relayed.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer"]);

/**
 * /k8s/clusters/:id/<kube API path>: a user's kubectl reaches the cluster's API server through
 * the agent's tunnel. The caller is an Outpost user (API token or session); viewers may only
 * read, operators and admins may change things, and every change is audited. The agent uses
 * its own local credentials; none of them ever leaves the device.
 */
export async function handleK8sProxy(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const auth = await authenticate(ctx.db, { sessionToken: readCookie(req.headers.cookie, SESSION_COOKIE), authorization: req.headers.authorization }, ctx.authCache);
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

  // An online cluster is answered from memory; the database is asked only to explain a refusal.
  const conn = ctx.presence.connectionOf(clusterId);
  if (!conn) {
    const cluster = await ctx.db.cluster.findUnique({ where: { id: clusterId }, select: { name: true, offlineSince: true } });
    if (!cluster) return sendKubeStatus(res, 404, "Outpost: no such cluster");
    const since = cluster.offlineSince ? ` since ${cluster.offlineSince.toISOString()}` : "";
    return sendKubeStatus(res, 503, `Outpost: cluster ${cluster.name} is offline${since}; its API is reachable only while its agent is connected`);
  }
  const { tunnel, clusterName } = conn;

  const headers: Partial<Record<(typeof TUNNEL_REQUEST_HEADERS)[number], string>> = {};
  for (const name of TUNNEL_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }

  // Most API calls carry no body; saying so up front saves the agent waiting for tunnel:end.
  const bodyless = (!req.headers["content-length"] || req.headers["content-length"] === "0") && !req.headers["transfer-encoding"];
  const exchange = tunnel.open({ method: method.data, path, headers, end: bodyless });
  // The caller went away (kubectl ^C, a closed watch): stop the request on the device too.
  res.on("close", () => {
    if (!res.writableFinished) exchange.cancel("the caller closed the connection");
  });
  if (!bodyless) exchange.sendBody(req).catch((err: unknown) => exchange.cancel(err instanceof Error ? err.message : "request body failed"));

  let status = 502;
  try {
    const response = await exchange.response;
    status = response.status;
    const outHeaders: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(response.headers)) if (!HOP_BY_HOP.has(k.toLowerCase())) outHeaders[k] = v;
    if (response.end) {
      // A complete answer goes out in one write, framed by its length rather than chunked.
      const payload = response.body ?? new Uint8Array(0);
      if (!("content-length" in outHeaders) && method.data !== "HEAD" && status !== 204 && status !== 304) outHeaders["content-length"] = String(payload.byteLength);
      res.writeHead(status, outHeaders);
      res.end(payload);
      return;
    }
    res.writeHead(status, outHeaders);
    // A watch must see its headers before the first event.
    res.flushHeaders();
    exchange.body.pipe(res);
    await new Promise<void>((resolve) => {
      exchange.body.once("end", resolve);
      exchange.body.once("error", () => {
        res.destroy();
        resolve();
      });
      res.once("close", resolve);
    });
  } catch (err) {
    status = err instanceof TunnelError ? err.status : 502;
    if (!res.headersSent) sendKubeStatus(res, status, `Outpost: ${err instanceof Error ? err.message : "the tunnel failed"}`);
    else res.destroy();
  } finally {
    if (mutating) {
      await recordAuditEvent(ctx.db, auth.user, {
        action: `k8s.${method.data.toLowerCase()}`,
        targetType: "cluster",
        targetId: clusterId,
        details: { cluster: clusterName, path: path.split("?")[0], status },
      }).catch((err: unknown) => console.error("[k8s] audit event not written:", err));
    }
  }
}
