import { PassThrough, type Readable } from "node:stream";
import {
  TUNNEL_MAX_STREAMS,
  ZTunnelCancel,
  ZTunnelData,
  ZTunnelEnd,
  ZTunnelResponse,
  ZTunnelAck,
  pumpChunks,
  writeWithBackpressure,
  type TunnelAck,
  type TunnelOpen,
  type TunnelResponse,
} from "@outpost/cluster-core";
import type { AgentSocket } from "../sockets/agent-namespace";

export class TunnelError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "TunnelError";
  }
}

/** One HTTP exchange with the cluster's API server, carried over the agent's connection. */
export interface TunnelExchange {
  /** Status and headers, once the agent has them. */
  response: Promise<TunnelResponse>;
  /**
   * The response body; ends when the agent ends the stream, errors if it fails. A complete small
   * answer (`response.end`) carries its whole body in `response.body`, and this stream ends empty.
   */
  body: Readable;
  /** Sends the request body (with backpressure), then marks it complete. Call once, unless opened with `end`. */
  sendBody(source: AsyncIterable<Uint8Array>): Promise<void>;
  cancel(reason: string): void;
}

export interface CentreTunnel {
  open(req: Omit<TunnelOpen, "streamId">): TunnelExchange;
  activeStreams(): number;
  /** The connection is gone: every open exchange fails. */
  closeAll(reason: string): void;
  /** The agent sent something unusable for this stream (refused before parsing): the exchange fails. */
  fail(streamId: number, reason: string): void;
}

interface Stream {
  resolveResponse(res: TunnelResponse): void;
  rejectResponse(err: Error): void;
  responded: boolean;
  body: PassThrough;
}

/**
 * The centre's end of the tunnel on one agent connection. Stream ids are allocated here and
 * looked up only in this connection's map, so an agent can only ever answer the requests sent
 * to it.
 */
export function createCentreTunnel(socket: AgentSocket): CentreTunnel {
  const streams = new Map<number, Stream>();
  let nextId = 1;

  const finish = (id: number, err?: Error) => {
    const s = streams.get(id);
    if (!s) return;
    streams.delete(id);
    if (!s.responded) s.rejectResponse(err ?? new TunnelError(502, "the agent ended the request without answering"));
    if (err) s.body.destroy(err);
    else s.body.end();
  };

  // A frame that breaks the protocol for one of this connection's streams fails that stream at
  // once (502 to the caller) rather than leaving it waiting for an answer that is not coming.
  const failMalformed = (raw: unknown) => {
    const id = (raw as { streamId?: unknown } | null)?.streamId;
    if (typeof id === "number") finish(id, new TunnelError(502, "the agent's answer was malformed"));
  };

  socket.on("tunnel:response", (raw) => {
    const msg = ZTunnelResponse.safeParse(raw);
    if (!msg.success) return failMalformed(raw);
    const s = streams.get(msg.data.streamId);
    if (!s || s.responded) return;
    s.responded = true;
    // A complete answer keeps its body in the response; the stream ends empty.
    if (msg.data.body && !msg.data.end) s.body.write(msg.data.body);
    s.resolveResponse(msg.data);
    if (msg.data.end) finish(msg.data.streamId);
  });

  socket.on("tunnel:data", (raw, ack) => {
    const reply: (res: TunnelAck) => void = typeof ack === "function" ? ack : () => {};
    const msg = ZTunnelData.safeParse(raw);
    if (!msg.success) {
      failMalformed(raw);
      return reply({ ok: false, error: "invalid tunnel:data" });
    }
    const s = streams.get(msg.data.streamId);
    if (!s) return reply({ ok: false, error: "no such stream" });
    if (!s.responded) {
      failMalformed(raw);
      return reply({ ok: false, error: "tunnel:data before tunnel:response" });
    }
    writeWithBackpressure(s.body, msg.data.chunk).then(
      () => reply({ ok: true }),
      () => reply({ ok: false, error: "the caller went away" }),
    );
  });

  socket.on("tunnel:end", (raw) => {
    const msg = ZTunnelEnd.safeParse(raw);
    if (!msg.success) return failMalformed(raw);
    finish(msg.data.streamId, msg.data.error ? new TunnelError(502, msg.data.error) : undefined);
  });

  socket.on("tunnel:cancel", (raw) => {
    const msg = ZTunnelCancel.safeParse(raw);
    if (!msg.success) return failMalformed(raw);
    finish(msg.data.streamId, new TunnelError(502, `the agent cancelled: ${msg.data.reason}`));
  });

  return {
    open(req) {
      if (streams.size >= TUNNEL_MAX_STREAMS) {
        const err = new TunnelError(503, `too many concurrent requests to this cluster (max ${TUNNEL_MAX_STREAMS})`);
        const body = new PassThrough();
        body.destroy(err);
        return { response: Promise.reject(err), body, sendBody: async () => {}, cancel: () => {} };
      }
      const streamId = nextId++;
      let resolveResponse!: (r: TunnelResponse) => void;
      let rejectResponse!: (e: Error) => void;
      const response = new Promise<TunnelResponse>((res, rej) => ((resolveResponse = res), (rejectResponse = rej)));
      response.catch(() => {}); // callers that fail early never read it
      const body = new PassThrough({ highWaterMark: 256 * 1024 });
      body.on("error", () => {}); // surfaced through the consumer's pipeline
      streams.set(streamId, { resolveResponse, rejectResponse, responded: false, body });
      socket.emit("tunnel:open", { ...req, streamId });

      return {
        response,
        body,
        async sendBody(source) {
          await pumpChunks(source, async (chunk) => {
            if (!streams.has(streamId)) throw new TunnelError(502, "the stream is closed");
            const ack = ZTunnelAck.parse(await socket.timeout(60_000).emitWithAck("tunnel:data", { streamId, chunk }));
            if (!ack.ok) throw new TunnelError(502, ack.error);
          });
          if (streams.has(streamId)) socket.emit("tunnel:end", { streamId });
        },
        cancel(reason) {
          if (!streams.has(streamId)) return;
          socket.emit("tunnel:cancel", { streamId, reason });
          finish(streamId, new TunnelError(499, reason));
        },
      };
    },
    activeStreams: () => streams.size,
    fail(streamId, reason) {
      if (!streams.has(streamId)) return;
      socket.emit("tunnel:cancel", { streamId, reason });
      finish(streamId, new TunnelError(502, reason));
    },
    closeAll(reason) {
      for (const id of [...streams.keys()]) finish(id, new TunnelError(502, reason));
    },
  };
}
