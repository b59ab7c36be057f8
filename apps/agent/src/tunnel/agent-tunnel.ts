import type { IncomingMessage } from "node:http";
import type { Writable } from "node:stream";
import {
  TUNNEL_CHUNK_BYTES,
  TUNNEL_MAX_STREAMS,
  ZTunnelCancel,
  ZTunnelData,
  ZTunnelEnd,
  ZTunnelOpen,
  writeWithBackpressure,
  type TunnelAck,
} from "@outpost/cluster-core";
import type { AgentSocket } from "../connection/agent-session";
import type { LocalApi } from "./local-api";
import { relayUpgradedSocket } from "./relay-upgraded-socket";
import { prepend } from "./prepend";
import { sendToCentre } from "./send-to-centre";
import { responseHeaders } from "./response-headers";

/** How long the head of a response may wait for its body, to travel as one message. */
const COALESCE_MS = 2;

/** Reads what arrives of a response within `waitMs` (or up to `maxBytes`, or its end), then pauses it. */
function readHead(res: IncomingMessage, maxBytes: number, waitMs: number): Promise<{ chunks: Buffer[]; ended: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (ended: boolean) => {
      clearTimeout(timer);
      res.off("data", onData);
      res.off("end", onEnd);
      if (!ended) res.pause();
      resolve({ chunks, ended });
    };
    const onData = (c: Buffer) => {
      chunks.push(c);
      size += c.byteLength;
      if (size > maxBytes) done(false);
    };
    const onEnd = () => done(true);
    const timer = setTimeout(() => done(false), waitMs);
    res.on("data", onData);
    res.once("end", onEnd);
  });
}


export interface AgentTunnel {
  activeStreams(): number;
  /** The connection ended: abort every request in flight. */
  closeAll(): void;
}

const SIMULATED_STATUS = JSON.stringify({
  kind: "Status",
  apiVersion: "v1",
  metadata: {},
  status: "Failure",
  message: "Outpost: this cluster is simulated; it has no Kubernetes API",
  reason: "ServiceUnavailable",
  code: 501,
});

/**
 * The device's end of the kube API tunnel: each tunnel:open from the centre becomes a request to
 * the local API server, as the user the centre named (impersonation), its body streamed in and
 * the response streamed back with backpressure. An upgrade (exec, attach, port-forward) becomes
 * a raw two-way byte pipe once the API server switches protocols. Only the streams the centre
 * opened on this connection exist here.
 */
export function startAgentTunnel(socket: AgentSocket, localApi: LocalApi | null): AgentTunnel {
  // What tunnel:data for a stream is written to: the request body, or the upgraded socket.
  const streams = new Map<number, Writable>();

  const endStream = (streamId: number, error?: string) => {
    if (!streams.delete(streamId)) return;
    socket.emit("tunnel:end", error ? { streamId, error } : { streamId });
  };

  socket.on("tunnel:open", (raw) => {
    const open = ZTunnelOpen.safeParse(raw);
    if (!open.success) {
      const streamId = (raw as { streamId?: unknown } | null)?.streamId;
      if (typeof streamId === "number") socket.emit("tunnel:cancel", { streamId, reason: "invalid tunnel:open" });
      return;
    }
    const { streamId } = open.data;
    if (streams.has(streamId) || streams.size >= TUNNEL_MAX_STREAMS) {
      socket.emit("tunnel:cancel", { streamId, reason: streams.has(streamId) ? "stream id in use" : "too many concurrent requests" });
      return;
    }
    if (!localApi) {
      socket.emit("tunnel:response", { streamId, status: 501, headers: { "content-type": "application/json" }, body: Buffer.from(SIMULATED_STATUS), end: true });
      return;
    }

    if (!open.data.identity) {
      // Without an identity the request would run with the device's own (admin) credential.
      socket.emit("tunnel:cancel", { streamId, reason: "the centre named no user to act as; this agent forwards nothing without one (upgrade the centre)" });
      return;
    }
    const upstream = localApi.request(open.data);
    streams.set(streamId, upstream);
    if (open.data.end || open.data.upgrade) upstream.end();
    upstream.on("error", (err) => endStream(streamId, `local API request failed: ${err.message}`));
    upstream.on("upgrade", (res, upgraded, head) => {
      if (!streams.has(streamId)) return upgraded.destroy();
      relayUpgradedSocket({ socket, streamId, res, upgraded, head, streams, endStream });
    });
    upstream.on("response", (res) => {
      if (!streams.has(streamId)) return res.destroy();
      const head = { streamId, status: res.statusCode ?? 502, headers: responseHeaders(res) };
      // Most answers are small and arrive with their head: wait a moment to send them whole.
      readHead(res, TUNNEL_CHUNK_BYTES, COALESCE_MS).then(({ chunks, ended }) => {
        if (!streams.has(streamId)) return res.destroy();
        const first = Buffer.concat(chunks);
        if (ended && first.byteLength <= TUNNEL_CHUNK_BYTES) {
          streams.delete(streamId);
          socket.emit("tunnel:response", { ...head, ...(first.byteLength ? { body: first } : {}), end: true });
          return;
        }
        socket.emit("tunnel:response", head);
        sendToCentre({ socket, streamId, chunks: prepend(chunks, ended ? null : res), source: res, isOpen: () => streams.has(streamId), endStream });
      });
    });
  });

  socket.on("tunnel:data", (raw, ack) => {
    const reply: (res: TunnelAck) => void = typeof ack === "function" ? ack : () => {};
    const data = ZTunnelData.safeParse(raw);
    if (!data.success) return reply({ ok: false, error: "invalid tunnel:data" });
    const upstream = streams.get(data.data.streamId);
    if (!upstream) return reply({ ok: false, error: "no such stream" });
    writeWithBackpressure(upstream, data.data.chunk).then(
      () => reply({ ok: true }),
      () => reply({ ok: false, error: "the local API closed the request" }),
    );
  });

  socket.on("tunnel:end", (raw) => {
    const end = ZTunnelEnd.safeParse(raw);
    const upstream = end.success ? streams.get(end.data.streamId) : undefined;
    if (upstream && !upstream.writableEnded) upstream.end();
  });

  socket.on("tunnel:cancel", (raw) => {
    const cancel = ZTunnelCancel.safeParse(raw);
    if (!cancel.success) return;
    const upstream = streams.get(cancel.data.streamId);
    if (!upstream) return;
    streams.delete(cancel.data.streamId);
    upstream.destroy();
  });

  return {
    activeStreams: () => streams.size,
    closeAll() {
      for (const upstream of streams.values()) upstream.destroy();
      streams.clear();
    },
  };
}
