import { rm } from "node:fs/promises";
import { BundleError, type BundleManifest } from "@outpost/cluster-core";
import type { BundleLink } from "./bundle-link";
import type { DeviceBundleStore } from "./device-bundle-store";
import { ChunkMismatchError, VerifyingBlobWriter } from "./verifying-blob-writer";

/** A chunk that fails verification this often in a row is not a transmission error: the centre's copy is bad. */
const CHUNK_ATTEMPTS = 3;

export interface FetchBundleBlobsOptions {
  link: BundleLink;
  store: DeviceBundleStore;
  bundleId: string;
  manifest: BundleManifest;
  signal: AbortSignal;
  /** Bytes that crossed the link. */
  onBytes: (n: number) => void;
}

/**
 * Fetches the bundle's blobs the store lacks, one after another, each resumed from the end of
 * its last verified chunk (earlier transfers, cut links and crashes lose at most the chunk in
 * flight). A blob enters the store only whole and verified. Rejects with the first failure:
 * LinkLostError / FetchDeferredError (try again later) or BundleError (refused).
 */
export async function fetchBundleBlobs({ link, store, bundleId, manifest, signal, onBytes }: FetchBundleBlobsOptions): Promise<void> {
  const seen = new Set<string>();
  for (const blob of manifest.blobs) {
    if (seen.has(blob.sha256)) continue;
    seen.add(blob.sha256);
    if (await store.has(blob.sha256)) continue;
    const failures = new Map<number, number>();
    for (;;) {
      const writer = await VerifyingBlobWriter.open(store.partialPath(blob.sha256), blob, manifest.chunkBytes);
      try {
        if (!writer.complete) await link.fetch({ bundleId, blob, writer, onBytes }, signal);
        await writer.finish();
        await store.commit(writer.path, blob.sha256);
        break;
      } catch (err) {
        await writer.close();
        if (err instanceof ChunkMismatchError) {
          const n = (failures.get(err.chunkIndex) ?? 0) + 1;
          failures.set(err.chunkIndex, n);
          if (n < CHUNK_ATTEMPTS) continue;
          throw new BundleError("BUNDLE_BLOB_MISMATCH", `${err.message} (${n} attempts): the centre's copy of the blob does not match the signed manifest; nothing of it was placed`);
        }
        // Every chunk matched but the whole does not: the signed manifest contradicts itself.
        if (err instanceof BundleError && writer.complete) await rm(writer.path, { force: true });
        throw err;
      }
    }
  }
}
