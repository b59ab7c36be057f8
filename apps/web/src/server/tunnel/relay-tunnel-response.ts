import type { ServerResponse } from "node:http";
import type { HttpMethod } from "@outpost/cluster-core";
import { log } from "../logging/log";
import { TunnelError, type TunnelExchange } from "./centre-tunnel";
import { filterRelayedHeaders } from "./filter-relayed-headers";
import { sendKubeStatus } from "./kube-status";

export interface RelayTarget {
  method: HttpMethod;
  /** `/k8s/clusters/<id>`: where the cluster's API lives on the centre; redirects stay under it. */
  proxyPrefix: string;
}

/**
 * Relays the device's answer to the caller: a complete answer in one write, a streaming one
 * (a watch) as it arrives. The centre frames everything itself — status 200–599 only, its own
 * length (or chunking), headers through an allow-list — so a device cannot smuggle a response,
 * set a cookie or send the caller elsewhere. Returns the status the caller was given, for the
 * audit log.
 */
export async function relayTunnelResponse(exchange: TunnelExchange, res: ServerResponse, target: RelayTarget): Promise<number> {
  let status = 502;
  try {
    const response = await exchange.response;
    // Informational answers and upgrades have no place here; upgrades have their own path.
    if (response.status < 200 || response.status > 599) {
      exchange.cancel("the answer's status is not relayed");
      throw new TunnelError(502, `the cluster answered with status ${response.status}, which is not relayed`);
    }
    const filtered = filterRelayedHeaders(response.headers, target.proxyPrefix);
    if (!filtered.ok) {
      exchange.cancel(filtered.message);
      throw new TunnelError(502, filtered.message);
    }
    status = response.status;
    const headers = filtered.headers;
    const bodiless = target.method === "HEAD" || status === 204 || status === 304;
    if (response.end) {
      // A complete answer goes out in one write, framed by its real length.
      const payload = bodiless ? new Uint8Array(0) : (response.body ?? new Uint8Array(0));
      if (!bodiless) headers["content-length"] = String(payload.byteLength);
      res.writeHead(status, headers);
      res.end(payload);
      return status;
    }
    res.writeHead(status, headers);
    // A watch must see its headers before the first event, and may stay quiet for minutes.
    res.flushHeaders();
    res.socket?.setTimeout(0);
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
    // Only the tunnel's own messages reach the caller; anything else (a Node error about the
    // answer, say) is logged and summarised.
    if (!(err instanceof TunnelError)) log.warn({ err, path: target.proxyPrefix }, "relaying a cluster's answer failed");
    const message = err instanceof TunnelError ? err.message : "the cluster's answer could not be relayed";
    if (!res.headersSent) sendKubeStatus(res, status, `Outpost: ${message}`);
    else res.destroy();
  }
  return status;
}
