import { createReadStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { BundleError, ZBundleSignature, type BundleManifest } from "@outpost/cluster-core";
import { bundleIdOf, isErrnoCode, readBundleDir } from "@outpost/cluster-core/node";
import type { ImportConfig } from "../cli/parse-args";
import { DesiredStateStore } from "../desired/desired-state-store";
import { DeviceBundleStore, type InstalledBundle } from "./device-bundle-store";
import { installBundle } from "./install-bundle";
import { readPinnedKey } from "./pinned-key";
import { verifyBundle } from "./verify-bundle";
import { VerifyingBlobWriter } from "./verifying-blob-writer";

export interface ImportResult {
  manifest: BundleManifest;
  record: InstalledBundle;
  /** Bytes copied into the store (blobs it already held cost nothing). */
  copiedBytes: number;
}

/**
 * `outpost-agent import DIR`: installs a bundle from a directory with no link at all. The same
 * checks and the same steps as a transfer over the tunnel: signature with the pinned key,
 * manifest and targets, every chunk and every blob verified on its way into the store, then
 * atomic placement. The running agent (if any) reports it to the centre when the link is up.
 */
export async function importBundleDir(config: ImportConfig, progress: (line: string) => void): Promise<ImportResult> {
  const dir = await readBundleDir(config.dir);
  await mkdir(config.root, { recursive: true });
  const pinned = await readPinnedKey(config.stateDir);
  const manifest = await verifyBundle(dir.manifestText, dir.signature, pinned?.publicKey ?? null, config.root);
  const id = bundleIdOf(dir.manifestText);
  const store = await DeviceBundleStore.open(config.stateDir);
  const desired = (await DesiredStateStore.open(config.stateDir)).current();
  const wanted = desired?.bundles?.some((b) => b.id === id) ?? false;

  return store.withLock(async () => {
    let copiedBytes = 0;
    const seen = new Set<string>();
    for (const blob of manifest.blobs) {
      if (seen.has(blob.sha256) || (await store.has(blob.sha256))) continue;
      seen.add(blob.sha256);
      const partial = store.partialPath(blob.sha256, `import-${process.pid}`);
      await rm(partial, { force: true });
      const writer = await VerifyingBlobWriter.open(partial, blob, manifest.chunkBytes);
      try {
        for await (const block of createReadStream(dir.blobPath(blob.sha256), { highWaterMark: 1024 * 1024 })) await writer.write(block as Buffer);
        await writer.finish();
        await store.commit(partial, blob.sha256);
      } catch (err) {
        await writer.close();
        await rm(partial, { force: true });
        if (isErrnoCode(err, "ENOENT")) throw new BundleError("BUNDLE_BLOB_MISSING", `${config.dir} lacks blobs/${blob.sha256} (${blob.target})`);
        throw err;
      }
      copiedBytes += blob.size;
      progress(`verified ${blob.target} (${blob.size} bytes)`);
    }
    const existing = (await store.installed()).get(id);
    const record = await installBundle(
      store,
      config.root,
      { id, manifestText: dir.manifestText, signature: ZBundleSignature.parse(dir.signature), manifest },
      existing?.origin ?? "import",
      existing ? existing.localOnly : !wanted,
    );
    return { manifest, record, copiedBytes };
  });
}
