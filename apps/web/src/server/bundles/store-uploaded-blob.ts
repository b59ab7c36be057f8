import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { BUNDLE_LIMITS, type StoredBlobView } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";

/**
 * Streams a request body into the centre's blob store (never whole in memory). With `sha256`
 * (PUT /blobs/:sha256) the bytes must hash to it; without (POST /blobs, the upload page) the
 * centre names the blob by what it hashes to. A declared Content-Length must match too.
 */
export async function storeUploadedBlob(ctx: ServerContext, req: Request, sha256?: string): Promise<StoredBlobView> {
  if (!req.body) throw new AppError("INVALID_INPUT", "send the blob's bytes as the request body");
  const declared = req.headers.get("content-length");
  const size = declared === null ? undefined : Number(declared);
  if (size !== undefined && (!Number.isSafeInteger(size) || size < 0)) throw new AppError("INVALID_INPUT", "Content-Length is not a byte count");
  if (size !== undefined && size > BUNDLE_LIMITS.blobBytes) throw new AppError("INVALID_INPUT", `blobs are at most ${BUNDLE_LIMITS.blobBytes} bytes`);
  const source = Readable.fromWeb(req.body as NodeWebStream<Uint8Array>);
  try {
    return await ctx.bundles.blobs.put(source, { sha256, size, maxBytes: BUNDLE_LIMITS.blobBytes });
  } finally {
    source.destroy();
  }
}
