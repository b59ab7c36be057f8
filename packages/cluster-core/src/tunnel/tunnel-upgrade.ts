import { z } from "zod";

/**
 * Request headers an upgrade (kubectl exec, attach, cp, port-forward: WebSocket or SPDY)
 * carries through the tunnel, on top of the usual ones. X-Stream-Protocol-Version is repeated
 * once per offered protocol, so values may be lists; nothing else (no cookies, no Authorization,
 * no Impersonate-*) travels.
 */
export const TUNNEL_UPGRADE_HEADERS = [
  "upgrade",
  "sec-websocket-key",
  "sec-websocket-version",
  "sec-websocket-protocol",
  "sec-websocket-extensions",
  "x-stream-protocol-version",
] as const;

/** A header value safe to write on a raw socket: no CR, LF or NUL. */
export const ZRawHeaderValue = z
  .string()
  .max(8192)
  .refine((v) => !/[\r\n\0]/.test(v), "header values must not contain CR, LF or NUL");

export const ZTunnelUpgradeHeaders = z.partialRecord(z.enum(TUNNEL_UPGRADE_HEADERS), z.union([ZRawHeaderValue, z.array(ZRawHeaderValue).min(1).max(16)]));
export type TunnelUpgradeHeaders = z.infer<typeof ZTunnelUpgradeHeaders>;

/**
 * Response headers of a 101 Switching Protocols that the centre writes back to the caller's
 * socket; everything else the device answered is dropped.
 */
export const TUNNEL_SWITCHING_HEADERS = ["upgrade", "connection", "sec-websocket-accept", "sec-websocket-protocol", "sec-websocket-extensions", "x-stream-protocol-version"] as const;
