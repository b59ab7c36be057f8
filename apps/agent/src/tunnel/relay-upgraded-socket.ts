import type { IncomingMessage } from "node:http";
import type { Duplex, Writable } from "node:stream";
import type { AgentSocket } from "../connection/agent-session";
import { prepend } from "./prepend";
import { sendToCentre } from "./send-to-centre";
import { responseHeaders } from "./response-headers";

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
  streams.set(streamId, upgraded);
  socket.emit("tunnel:response", { streamId, status: res.statusCode ?? 101, headers: responseHeaders(res) });
  upgraded.on("error", () => {}); // reported through sendToCentre
  upgraded.once("close", () => endStream(streamId));
  sendToCentre({ socket, streamId, chunks: prepend(head.byteLength > 0 ? [head] : [], upgraded), source: upgraded, isOpen: () => streams.has(streamId), endStream });
}
