import { BundleError, ZBundleData, ZBundleEnd, ZBundleFetchAck, type BundleBlob } from "@outpost/cluster-core";
import type { AgentSocket } from "../connection/agent-session";
import type { VerifyingBlobWriter } from "./verifying-blob-writer";

/** The centre said not now (outside the site's transfer window, too many transfers). */
export class FetchDeferredError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = "FetchDeferredError";
  }
}

/** The link went away mid-transfer; the verified chunks stay for the next connection. */
export class LinkLostError extends Error {
  constructor(message = "the link to the centre was lost") {
    super(message);
    this.name = "LinkLostError";
  }
}

interface Transfer {
  blob: BundleBlob;
  writer: VerifyingBlobWriter;
  onBytes: (n: number) => void;
  resolve(): void;
  reject(err: Error): void;
  /** Frames are written one after another, in arrival order. */
  queue: Promise<void>;
  failed: boolean;
}

export interface FetchRequest {
  bundleId: string;
  blob: BundleBlob;
  writer: VerifyingBlobWriter;
  /** Bytes that arrived (whether or not their chunk verified). */
  onBytes: (n: number) => void;
}

/**
 * Blob transfers over one socket.io connection: asks the centre for a blob from the writer's
 * verified end and feeds the frames to the writer, acknowledging each only once taken (the
 * centre keeps a window of unacknowledged frames, so this is the backpressure).
 */
export class BundleLink {
  private readonly transfers = new Map<number, Transfer>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly socket: AgentSocket) {
    socket.on("bundle:data", (raw, ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const msg = ZBundleData.safeParse(raw);
      const t = msg.success ? this.transfers.get(msg.data.transferId) : undefined;
      if (!msg.success || !t) return reply({ ok: false, error: msg.success ? "no such transfer" : "invalid bundle:data" });
      const { offset, chunk } = msg.data;
      t.queue = t.queue.then(async () => {
        if (t.failed) return reply({ ok: false, error: "transfer stopped" });
        try {
          if (offset !== t.writer.offset) throw new Error(`frame at ${offset}, expected ${t.writer.offset}`);
          t.onBytes(chunk.byteLength);
          await t.writer.write(chunk);
          reply({ ok: true });
        } catch (err) {
          t.failed = true;
          reply({ ok: false, error: (err as Error).message });
          this.finish(msg.data.transferId, err as Error);
        }
      });
    });
    socket.on("bundle:end", (raw) => {
      const msg = ZBundleEnd.safeParse(raw);
      if (!msg.success) return;
      const t = this.transfers.get(msg.data.transferId);
      if (!t) return;
      // After the frames already queued are written.
      void t.queue.then(() => {
        if (msg.data.error) return this.finish(msg.data.transferId, new Error(`the centre stopped the transfer: ${msg.data.error}`));
        if (!t.writer.complete) return this.finish(msg.data.transferId, new BundleError("BUNDLE_BLOB_MISMATCH", `the centre's copy of blob ${t.blob.sha256} (${t.blob.target}) ended after ${t.writer.offset} of ${t.blob.size} bytes`));
        this.finish(msg.data.transferId);
      });
    });
  }

  /** Fetches the rest of a blob into its writer; rejects with FetchDeferredError, LinkLostError, BundleError or Error. */
  async fetch(req: FetchRequest, signal: AbortSignal): Promise<void> {
    if (this.closed) throw new LinkLostError();
    const transferId = this.nextId++;
    const done = new Promise<void>((resolve, reject) => {
      this.transfers.set(transferId, { blob: req.blob, writer: req.writer, onBytes: req.onBytes, resolve, reject, queue: Promise.resolve(), failed: false });
    });
    done.catch(() => undefined);
    const onAbort = () => this.cancel(transferId, "the agent stopped the transfer");
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      let raw: unknown;
      try {
        raw = await this.socket.timeout(30_000).emitWithAck("bundle:fetch", { transferId, bundleId: req.bundleId, sha256: req.blob.sha256, offset: req.writer.verifiedOffset });
      } catch {
        throw this.closed ? new LinkLostError() : new LinkLostError("the centre did not answer a fetch within 30 s");
      }
      const ack = ZBundleFetchAck.safeParse(raw);
      if (!ack.success) throw new Error("the centre answered the fetch with something unreadable");
      if (!ack.data.ok) {
        if (ack.data.retryAfterMs !== undefined) throw new FetchDeferredError(ack.data.error, ack.data.retryAfterMs);
        throw new Error(`the centre refused the fetch: ${ack.data.error}`);
      }
      if (ack.data.size !== req.blob.size) {
        throw new BundleError("BUNDLE_BLOB_MISMATCH", `the centre's copy of blob ${req.blob.sha256} (${req.blob.target}) is ${ack.data.size} bytes; the signed manifest says ${req.blob.size}`);
      }
      await done;
    } catch (err) {
      this.cancel(transferId, (err as Error).message);
      throw err;
    } finally {
      signal.removeEventListener("abort", onAbort);
      this.transfers.delete(transferId);
    }
  }

  /** The connection ended: every transfer fails with LinkLostError. */
  close(): void {
    this.closed = true;
    for (const id of [...this.transfers.keys()]) this.finish(id, new LinkLostError());
    this.socket.off("bundle:data");
    this.socket.off("bundle:end");
  }

  private cancel(transferId: number, reason: string): void {
    if (!this.transfers.has(transferId)) return;
    this.finish(transferId, new Error(reason));
    if (!this.closed) this.socket.emit("bundle:cancel", { transferId, reason: reason.slice(0, 1000) });
  }

  private finish(transferId: number, err?: Error): void {
    const t = this.transfers.get(transferId);
    if (!t) return;
    this.transfers.delete(transferId);
    t.failed = true;
    if (err) t.reject(err);
    else t.resolve();
  }
}
