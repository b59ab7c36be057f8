import type { ClientRequest } from "node:http";
import {
  TUNNEL_MAX_STREAMS,
  ZTunnelAck,
  ZTunnelCancel,
  ZTunnelData,
  ZTunnelEnd,
  ZTunnelOpen,
  pumpChunks,
  writeWithBackpressure,
  type TunnelAck,
} from "@outpost/cluster-core";
import type { AgentSocket } from "../connection/agent-session";
import type { LocalApi } from "./local-api";

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
 * the local API server, its body streamed in and the response streamed back with backpressure.
 * Only the streams the centre opened on this connection exist here.
 */
export function startAgentTunnel(socket: AgentSocket, localApi: LocalApi | null): AgentTunnel {
  const streams = new Map<number, ClientRequest>();

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
      socket.emit("tunnel:response", { streamId, status: 501, headers: { "content-type": "application/json" } });
      socket.emit("tunnel:data", { streamId, chunk: Buffer.from(SIMULATED_STATUS) }, () => socket.emit("tunnel:end", { streamId }));
      return;
    }

    const upstream = localApi.request(open.data);
    streams.set(streamId, upstream);
    upstream.on("error", (err) => endStream(streamId, `local API request failed: ${err.message}`));
    upstream.on("response", (res) => {
      if (!streams.has(streamId)) return res.destroy();
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = v;
      socket.emit("tunnel:response", { streamId, status: res.statusCode ?? 502, headers });
      pumpChunks(res, async (chunk) => {
        if (!streams.has(streamId)) throw new Error("cancelled");
        const ack = ZTunnelAck.parse(await socket.timeout(60_000).emitWithAck("tunnel:data", { streamId, chunk }));
        if (!ack.ok) throw new Error(ack.error);
      }).then(
        () => endStream(streamId),
        (err: unknown) => {
          res.destroy();
          endStream(streamId, err instanceof Error ? err.message : "response relay failed");
        },
      );
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
    if (end.success) streams.get(end.data.streamId)?.end();
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
