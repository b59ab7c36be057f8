import type { Readable } from "node:stream";
import { ZTunnelAck, pumpChunks } from "@outpost/cluster-core";
import type { AgentSocket } from "../connection/agent-session";

/**
 * Streams bytes from the device to the centre on one tunnel stream: acknowledged tunnel:data
 * chunks (backpressure), then tunnel:end; a failure destroys `source` and ends the stream with
 * the error. `isOpen` says whether the centre still wants the stream.
 */
export function sendToCentre(opts: {
  socket: AgentSocket;
  streamId: number;
  chunks: AsyncIterable<Uint8Array>;
  source: Pick<Readable, "destroy">;
  isOpen: () => boolean;
  endStream: (streamId: number, error?: string) => void;
}): void {
  const { socket, streamId, endStream } = opts;
  pumpChunks(
    opts.chunks,
    async (chunk) => {
      if (!opts.isOpen()) throw new Error("cancelled");
      const ack = ZTunnelAck.parse(await socket.timeout(60_000).emitWithAck("tunnel:data", { streamId, chunk }));
      if (!ack.ok) throw new Error(ack.error);
    },
    // socket.io keeps order, so tunnel:end may follow the last chunk without waiting for its ack.
    { awaitLastAcks: false },
  ).then(
    () => endStream(streamId),
    (err: unknown) => {
      opts.source.destroy();
      endStream(streamId, err instanceof Error ? err.message : "relay to the centre failed");
    },
  );
}
