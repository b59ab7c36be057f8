import { TUNNEL_CHUNK_BYTES, TUNNEL_WINDOW } from "./tunnel-protocol";

/**
 * Sends a body over the tunnel: splits it into chunks and keeps at most `window` of them
 * unacknowledged. Because the source is only read when a slot is free, a slow receiver slows
 * the source down (backpressure) instead of the sender buffering the whole body. Resolves once
 * every chunk has been acknowledged — or, with `awaitLastAcks: false`, once the last one is sent:
 * over an ordered channel an end marker may follow at once, saving a round trip per exchange.
 * Rejects on the first failed send.
 */
export async function pumpChunks(
  source: AsyncIterable<Uint8Array>,
  send: (chunk: Uint8Array) => Promise<void>,
  opts: { window?: number; chunkBytes?: number; signal?: AbortSignal; awaitLastAcks?: boolean } = {},
): Promise<number> {
  const window = opts.window ?? TUNNEL_WINDOW;
  const chunkBytes = opts.chunkBytes ?? TUNNEL_CHUNK_BYTES;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  let bytes = 0;

  for await (const block of source) {
    for (let offset = 0; offset < block.byteLength; offset += chunkBytes) {
      if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("aborted");
      while (inFlight.size >= window && !failure) await Promise.race(inFlight);
      if (failure) throw failure;
      const chunk = block.subarray(offset, Math.min(offset + chunkBytes, block.byteLength));
      bytes += chunk.byteLength;
      const p: Promise<void> = send(chunk).then(
        () => void inFlight.delete(p),
        (err: unknown) => {
          inFlight.delete(p);
          failure ??= err;
        },
      );
      inFlight.add(p);
    }
  }
  if (failure) throw failure;
  if (opts.awaitLastAcks === false) return bytes;
  await Promise.all(inFlight);
  if (failure) throw failure;
  return bytes;
}

/** The part of a Node writable stream that backpressure needs. */
export interface DrainableWritable {
  write(chunk: Uint8Array): boolean;
  once(event: "drain" | "close" | "error", listener: () => void): unknown;
  removeListener(event: "drain" | "close" | "error", listener: () => void): unknown;
}

/**
 * Writes one received chunk and resolves when the destination can take more: at once if its
 * buffer has room, else when it drains. The receiver acknowledges the chunk only then, which is
 * what makes the sender wait.
 */
export function writeWithBackpressure(dest: DrainableWritable, chunk: Uint8Array): Promise<void> {
  if (dest.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      dest.removeListener("drain", done);
      dest.removeListener("close", closed);
      dest.removeListener("error", closed);
      resolve();
    };
    const closed = () => {
      dest.removeListener("drain", done);
      dest.removeListener("close", closed);
      dest.removeListener("error", closed);
      reject(new Error("the destination closed"));
    };
    dest.once("drain", done);
    dest.once("close", closed);
    dest.once("error", closed);
  });
}
