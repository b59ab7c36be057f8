import { BlobHasher, type BlobDigest } from "@outpost/cluster-core/node";
import type { BlobStore } from "./blob-store";

/** Re-reads a stored blob: its sha256, size and chunk digests as they are on disk now. */
export async function hashStoredBlob(blobs: BlobStore, sha256: string, chunkBytes: number): Promise<BlobDigest> {
  const hasher = new BlobHasher(chunkBytes);
  for await (const block of await blobs.read(sha256)) hasher.update(block as Buffer);
  return hasher.digest();
}
