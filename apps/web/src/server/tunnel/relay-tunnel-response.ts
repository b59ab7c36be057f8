import type { ServerResponse } from "node:http";
import type { HttpMethod } from "@outpost/cluster-core";
import { TunnelError, type TunnelExchange } from "./centre-tunnel";
import { sendKubeStatus } from "./kube-status";

// Hop-by-hop headers belong to one connection, not to the exchange being relayed.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer"]);

/**
 * Relays the device's answer to the caller: a complete answer in one write, a streaming one
 * (a watch) as it arrives. Returns the status the caller was given, for the audit log.
 */
export async function relayTunnelResponse(exchange: TunnelExchange, res: ServerResponse, method: HttpMethod): Promise<number> {
  let status = 502;
  try {
    const response = await exchange.response;
    status = response.status;
    const outHeaders: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(response.headers)) if (!HOP_BY_HOP.has(k.toLowerCase())) outHeaders[k] = v;
    if (response.end) {
      // A complete answer goes out in one write, framed by its length rather than chunked.
      const payload = response.body ?? new Uint8Array(0);
      if (!("content-length" in outHeaders) && method !== "HEAD" && status !== 204 && status !== 304) outHeaders["content-length"] = String(payload.byteLength);
      res.writeHead(status, outHeaders);
      res.end(payload);
      return status;
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
  }
  return status;
}
