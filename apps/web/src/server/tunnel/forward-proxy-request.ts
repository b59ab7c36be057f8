import type { IncomingMessage, ServerResponse } from "node:http";
import { TUNNEL_REQUEST_HEADERS, type HttpMethod, type TunnelIdentity } from "@outpost/cluster-core";
import type { CentreTunnel, TunnelExchange } from "./centre-tunnel";

/**
 * Opens the exchange on the agent's tunnel: only the listed request headers travel, the body
 * (if any) follows with backpressure, and a caller that goes away cancels the request on the
 * device too.
 */
export function forwardProxyRequest(tunnel: CentreTunnel, req: IncomingMessage, res: ServerResponse, target: { method: HttpMethod; path: string; identity: TunnelIdentity }): TunnelExchange {
  const headers: Partial<Record<(typeof TUNNEL_REQUEST_HEADERS)[number], string>> = {};
  for (const name of TUNNEL_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }

  // Most API calls carry no body; saying so up front saves the agent waiting for tunnel:end.
  const bodyless = (!req.headers["content-length"] || req.headers["content-length"] === "0") && !req.headers["transfer-encoding"];
  const exchange = tunnel.open({ method: target.method, path: target.path, headers, identity: target.identity, end: bodyless });
  // The caller went away (kubectl ^C, a closed watch): stop the request on the device too.
  res.on("close", () => {
    if (!res.writableFinished) exchange.cancel("the caller closed the connection");
  });
  if (!bodyless) exchange.sendBody(req).catch((err: unknown) => exchange.cancel(err instanceof Error ? err.message : "request body failed"));
  return exchange;
}
