import { z } from "zod";
import { ZTunnelIdentity } from "./tunnel-identity";
import { ZTunnelUpgradeHeaders } from "./tunnel-upgrade";

/**
 * The kube API tunnel: HTTP exchanges multiplexed over the agent's socket.io connection.
 * The centre opens a stream (one HTTP request) and the agent answers it against its own local
 * API server. Stream ids are chosen by the centre and live only on one agent connection, so an
 * agent can never name, read or answer another connection's streams.
 *
 *   centre → agent   tunnel:open {streamId, method, path, headers, identity, end?, upgrade?}  (end: no body follows)
 *   centre → agent   tunnel:data {streamId, chunk} (request body, acked)   tunnel:end {streamId}
 *   agent  → centre  tunnel:response {streamId, status, headers, body?, end?}  (small answers in one message)
 *   agent  → centre  tunnel:data {streamId, chunk} (response body, acked)  tunnel:end {streamId, error?}
 *   either → other   tunnel:cancel {streamId, reason}  (the caller went away, or the stream failed)
 *
 * `identity` is who the request acts as on the cluster (impersonation, tunnel-identity.ts). An
 * `upgrade` stream (exec, attach, cp, port-forward) is answered with status 101 and then carries
 * opaque bytes both ways as tunnel:data until either side sends tunnel:end (half-close) or
 * tunnel:cancel, whatever protocol (WebSocket, SPDY) runs inside.
 *
 * Every tunnel:data is acknowledged once the receiver has handed the chunk on; a sender keeps at
 * most TUNNEL_WINDOW chunks unacknowledged, so a slow reader slows the writer instead of
 * filling memory (backpressure).
 */

export const TUNNEL_CHUNK_BYTES = 64 * 1024;
export const TUNNEL_WINDOW = 16;
export const TUNNEL_MAX_STREAMS = 256;

const ZStreamId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const ZHttpMethod = z.enum(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]);
export type HttpMethod = z.infer<typeof ZHttpMethod>;

/**
 * A path on the cluster's own API server: absolute, no scheme or authority, no dot segments,
 * no backslashes or control characters. Query strings are allowed.
 */
export const ZTunnelPath = z
  .string()
  .min(1)
  .max(8192)
  .refine((p) => p.startsWith("/") && !p.startsWith("//"), "path must start with a single '/'")
  .refine((p) => ![...p].some((ch) => ch <= " " || ch === "\u007f" || ch === "\\"), "path has a forbidden character")
  .refine((p) => !p.split("?")[0]!.split("/").some((seg) => seg === "." || seg === ".." || /^%2e(%2e)?$/i.test(seg) || /^\.%2e$|^%2e\.$/i.test(seg)), "path has a dot segment");

/** Request headers the tunnel carries; everything else (cookies, Authorization) stays at the centre. */
export const TUNNEL_REQUEST_HEADERS = ["accept", "accept-encoding", "content-type", "content-length", "user-agent"] as const;

const ZHeaderValue = z.string().max(8192);

export const ZTunnelOpen = z.object({
  streamId: ZStreamId,
  method: ZHttpMethod,
  path: ZTunnelPath,
  headers: z.partialRecord(z.enum(TUNNEL_REQUEST_HEADERS), ZHeaderValue),
  /** The request has no body: the agent ends it at once instead of waiting for tunnel:end. */
  end: z.boolean().optional(),
  /** Who the request acts as on the cluster; an agent forwards nothing without it. */
  identity: ZTunnelIdentity.optional(),
  /** A connection upgrade: after a 101 the stream is a raw two-way byte pipe. */
  upgrade: ZTunnelUpgradeHeaders.optional(),
});
export type TunnelOpen = z.infer<typeof ZTunnelOpen>;

const ZChunk = z
  .custom<Uint8Array>((c) => c instanceof Uint8Array, "chunk must be binary")
  .refine((c) => c.byteLength <= TUNNEL_CHUNK_BYTES, `chunks are at most ${TUNNEL_CHUNK_BYTES} bytes`);

export const ZTunnelResponse = z.object({
  streamId: ZStreamId,
  status: z.number().int().min(100).max(599),
  headers: z.record(z.string().max(256), z.union([ZHeaderValue, z.array(ZHeaderValue).max(64)])).refine((h) => Object.keys(h).length <= 100, "too many headers"),
  /** The start of the body, sent with the head so that a small answer is one message. */
  body: ZChunk.optional(),
  /** Nothing follows: the exchange is complete. */
  end: z.boolean().optional(),
});
export type TunnelResponse = z.infer<typeof ZTunnelResponse>;

export const ZTunnelData = z.object({
  streamId: ZStreamId,
  chunk: ZChunk,
});
export type TunnelData = z.infer<typeof ZTunnelData>;

export const ZTunnelEnd = z.object({ streamId: ZStreamId, error: z.string().max(1024).optional() });
export type TunnelEnd = z.infer<typeof ZTunnelEnd>;

export const ZTunnelCancel = z.object({ streamId: ZStreamId, reason: z.string().max(1024) });
export type TunnelCancel = z.infer<typeof ZTunnelCancel>;

export type TunnelAck = { ok: true } | { ok: false; error: string };
export const ZTunnelAck = z.discriminatedUnion("ok", [z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: z.string() })]);

export interface TunnelCentreToAgentEvents {
  "tunnel:open": (open: TunnelOpen) => void;
  "tunnel:data": (data: TunnelData, ack: (res: TunnelAck) => void) => void;
  "tunnel:end": (end: TunnelEnd) => void;
  "tunnel:cancel": (cancel: TunnelCancel) => void;
}

export interface TunnelAgentToCentreEvents {
  "tunnel:response": (res: TunnelResponse) => void;
  "tunnel:data": (data: TunnelData, ack: (res: TunnelAck) => void) => void;
  "tunnel:end": (end: TunnelEnd) => void;
  "tunnel:cancel": (cancel: TunnelCancel) => void;
}
