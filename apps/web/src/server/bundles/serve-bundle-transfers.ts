import {
  BUNDLE_FRAME_BYTES,
  BUNDLE_WINDOW,
  ZBundleCancel,
  ZBundleFetch,
  ZBundleStatusReport,
  ZTunnelAck,
  transferWindowWait,
  type AgentAck,
  type BundleFetch,
  type BundleFetchAck,
} from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { log } from "../logging/log";
import type { AgentSocket } from "../sockets/agent-namespace";
import { parseBundleIds } from "./parse-bundle-ids";
import { pumpFrames } from "./pump-frames";
import { recordBundleStatus } from "./record-bundle-status";

/** Ranges one agent connection may stream at once. */
const MAX_TRANSFERS = 4;
/** An unacknowledged frame for this long means the agent is gone or stuck. */
const FRAME_ACK_TIMEOUT_MS = 60_000;

/**
 * The centre's end of bundle transfers on one agent connection: serves `bundle:fetch` ranges of
 * blobs that belong to a bundle in the cluster's desired state, paced by the site's bandwidth
 * cap and only inside its transfer window, and records the agent's `bundle:status` reports.
 * Returns a function that stops every transfer (the connection closed).
 */
export interface BundleTransferOptions {
  cluster: { id: string; name: string };
  /** Runs work after the connection's earlier messages (the agent namespace's queue). */
  serially: (work: () => Promise<void>) => unknown;
  /** A message from the agent arrived (a sign of life). */
  heard: () => void;
}

export function serveBundleTransfers(ctx: ServerContext, socket: AgentSocket, { cluster, serially, heard }: BundleTransferOptions): () => void {
  const transfers = new Map<number, AbortController>();

  socket.on("bundle:fetch", (raw, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    const parsed = ZBundleFetch.safeParse(raw);
    if (!parsed.success) return reply({ ok: false, error: `invalid bundle:fetch: ${parsed.error.issues[0]?.message ?? "rejected"}` });
    const req = parsed.data;
    if (transfers.has(req.transferId)) return reply({ ok: false, error: `transfer ${req.transferId} is already running` });
    if (transfers.size >= MAX_TRANSFERS) return reply({ ok: false, error: `at most ${MAX_TRANSFERS} transfers at once`, retryAfterMs: 1000 });
    const abort = new AbortController();
    transfers.set(req.transferId, abort);
    serveRange(ctx, socket, cluster.id, req, abort.signal, reply)
      .catch((err: unknown) => {
        if (!abort.signal.aborted) log.warn({ cluster: cluster.name, sha256: req.sha256, offset: req.offset, err }, "bundle blob transfer failed");
      })
      .finally(() => transfers.delete(req.transferId));
  });

  socket.on("bundle:cancel", (raw) => {
    const parsed = ZBundleCancel.safeParse(raw);
    if (parsed.success) transfers.get(parsed.data.transferId)?.abort(new Error(parsed.data.reason));
  });

  socket.on("bundle:status", (raw, ack) => {
    const reply: (res: AgentAck) => void = typeof ack === "function" ? ack : () => {};
    const parsed = ZBundleStatusReport.safeParse(raw);
    if (!parsed.success) return reply({ ok: false, error: `invalid bundle:status: ${parsed.error.issues[0]?.message ?? "rejected"}` });
    heard();
    serially(async () => {
      await recordBundleStatus(ctx, cluster, parsed.data);
      reply({ ok: true, receivedAt: Date.now() });
    });
  });

  return () => {
    for (const t of transfers.values()) t.abort(new Error("the agent disconnected"));
    transfers.clear();
  };
}

async function serveRange(ctx: ServerContext, socket: AgentSocket, clusterId: string, req: BundleFetch, signal: AbortSignal, reply: (res: BundleFetchAck) => void): Promise<void> {
  const cluster = await ctx.db.cluster.findUnique({
    where: { id: clusterId },
    select: { desiredBundleIds: true, siteId: true, site: { select: { name: true, timeZone: true, bandwidthCapBytesPerSec: true, transferWindow: true } } },
  });
  if (!cluster) return reply({ ok: false, error: "the cluster no longer exists" });
  if (!parseBundleIds(cluster.desiredBundleIds).includes(req.bundleId)) return reply({ ok: false, error: `bundle ${req.bundleId} is not in this cluster's desired state` });
  if (!(await ctx.db.bundleBlob.findUnique({ where: { bundleId_sha256: { bundleId: req.bundleId, sha256: req.sha256 } } }))) {
    return reply({ ok: false, error: `blob ${req.sha256} is not part of bundle ${req.bundleId}` });
  }
  const { site, siteId } = cluster;
  const closed = () => {
    if (!site.transferWindow) return null;
    const wait = transferWindowWait(site.transferWindow, site.timeZone, Date.now());
    return wait === 0 ? null : { error: `outside site ${site.name}'s transfer window (${site.transferWindow} ${site.timeZone}); it opens in ${Math.ceil(wait / 60_000)} min`, retryAfterMs: wait };
  };
  const shut = closed();
  if (shut) return reply({ ok: false, ...shut });
  const size = await ctx.bundles.blobs.size(req.sha256);
  if (size === null) return reply({ ok: false, error: `the centre has lost blob ${req.sha256}; upload the bundle again` });
  if (req.offset > size) return reply({ ok: false, error: `offset ${req.offset} is past the end of blob ${req.sha256} (${size} bytes)` });
  reply({ ok: true, size });

  const stream = await ctx.bundles.blobs.read(req.sha256, req.offset);
  // Frames are paced (site cap) and checked against the window as they are read, so they leave
  // in order and no faster than the cap; the pump keeps as many unacknowledged as the link
  // takes without queueing (at most BUNDLE_WINDOW), all transfers together at most ctx.bundles.inFlight.
  async function* frames(): AsyncGenerator<Uint8Array> {
    for await (const block of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < block.length; i += BUNDLE_FRAME_BYTES) {
        const frame = block.subarray(i, i + BUNDLE_FRAME_BYTES);
        await ctx.bundles.bandwidth.take(siteId, site.bandwidthCapBytesPerSec, frame.byteLength, signal);
        const shutNow = closed();
        if (shutNow) throw new Error(shutNow.error);
        yield frame;
      }
    }
  }
  let offset = req.offset;
  try {
    await pumpFrames(
      frames(),
      async (chunk) => {
        const at = offset;
        offset += chunk.byteLength;
        await ctx.bundles.inFlight.acquire(chunk.byteLength, signal);
        let ack: unknown;
        try {
          ack = await socket.timeout(FRAME_ACK_TIMEOUT_MS).emitWithAck("bundle:data", { transferId: req.transferId, offset: at, chunk });
        } finally {
          ctx.bundles.inFlight.release(chunk.byteLength);
        }
        const res = ZTunnelAck.safeParse(ack);
        if (!res.success || !res.data.ok) throw new Error(`the agent refused the frame at ${at}: ${res.success && !res.data.ok ? res.data.error : "bad ack"}`);
      },
      { maxWindow: BUNDLE_WINDOW, signal },
    );
    socket.emit("bundle:end", { transferId: req.transferId });
  } catch (err) {
    if (socket.connected) socket.emit("bundle:end", { transferId: req.transferId, error: (err as Error).message });
    throw err;
  } finally {
    stream.destroy();
  }
}
