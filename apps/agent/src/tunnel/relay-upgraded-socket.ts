import type { IncomingMessage } from "node:http";
import type { Duplex, Writable } from "node:stream";
import { ZTunnelAck, pumpChunks } from "@outpost/cluster-core";
import type { AgentSocket } from "../connection/agent-session";
import { prepend } from "./prepend";

interface UpgradedStream {
  socket: AgentSocket;
  streamId: number;
  /** The API server's 101 answer. */
  res: IncomingMessage;
  upgraded: Duplex;
  /** Bytes the API server sent right after its 101 head. */
  head: Buffer;
  streams: Map<number, Writable>;
  endStream(streamId: number, error?: string): void;
}

/**
 * The API server switched protocols (WebSocket or SPDY for exec, attach, cp, port-forward): from
 * now on the stream is an opaque byte pipe. The 101 and its headers go to the centre; bytes from
 * the API server go out as acknowledged tunnel:data (backpressure), and the centre's tunnel:data
 * is written to the socket (the caller of startAgentTunnel routes it through `streams`).
 */
export function relayUpgradedSocket({ socket, streamId, res, upgraded, head, streams, endStream }: UpgradedStream): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = v;
  streams.set(streamId, upgraded);
  socket.emit("tunnel:response", { streamId, status: res.statusCode ?? 101, headers });
  upgraded.on("error", () => {}); // reported through the pump below
  upgraded.once("close", () => endStream(streamId));
  pumpChunks(
    prepend(head.byteLength > 0 ? [head] : [], upgraded),
    async (chunk) => {
      if (!streams.has(streamId)) throw new Error("cancelled");
      const ack = ZTunnelAck.parse(await socket.timeout(60_000).emitWithAck("tunnel:data", { streamId, chunk }));
      if (!ack.ok) throw new Error(ack.error);
    },
    { awaitLastAcks: false },
  ).then(
    () => endStream(streamId),
    (err: unknown) => {
      upgraded.destroy();
      endStream(streamId, err instanceof Error ? err.message : "upgraded stream failed");
    },
  );
}
