import { createReadStream } from "node:fs";
import { BlobHasher, type BlobDigest } from "./blob-hasher";

/** Streams a file through a BlobHasher: its sha256, size and chunk digests. */
export async function hashBlobFile(path: string, chunkBytes: number): Promise<BlobDigest> {
  const hasher = new BlobHasher(chunkBytes);
  for await (const block of createReadStream(path, { highWaterMark: 1024 * 1024 })) hasher.update(block as Buffer);
  return hasher.digest();
}
