import { mkdir, open, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BUNDLE_BLOBS_DIR, BUNDLE_MANIFEST_FILE, BUNDLE_SIGNATURE_FILE, parseBundleManifest, type BundleDetail } from "@outpost/cluster-core";
import { BlobHasher, isErrnoCode, writeAll } from "@outpost/cluster-core/node";
import type { CentreClient } from "../api/centre-client";
import { CliError } from "../cli-error";

/**
 * Downloads a signed bundle into a new directory (manifest.json, manifest.sig, blobs/): what
 * goes on a USB stick for `outpost-agent import`. Each blob is checked against the manifest as
 * it streams in, and named only once complete.
 */
export async function pullBundleDir(client: CentreClient, bundleId: string, dir: string, log: (line: string) => void): Promise<BundleDetail> {
  const existing = await readdir(dir).catch((err: unknown) => (isErrnoCode(err, "ENOENT") ? [] : Promise.reject(err)));
  if (existing.length > 0) throw new CliError(`${dir} is not empty; pull into a new directory`);
  const detail = await client.json<BundleDetail>("GET", `/api/v1/bundles/${encodeURIComponent(bundleId)}`);
  const manifest = parseBundleManifest(detail.manifest);
  await mkdir(join(dir, BUNDLE_BLOBS_DIR), { recursive: true });
  const done = new Set<string>();
  for (const blob of manifest.blobs) {
    if (done.has(blob.sha256)) continue;
    done.add(blob.sha256);
    const res = await client.download(`/api/v1/blobs/${blob.sha256}`);
    const temp = join(dir, BUNDLE_BLOBS_DIR, `.incoming-${blob.sha256}`);
    const file = await open(temp, "w");
    const hasher = new BlobHasher(manifest.chunkBytes);
    let size = 0;
    try {
      for await (const block of res.body as unknown as AsyncIterable<Uint8Array>) {
        hasher.update(block);
        await writeAll(file, block, size);
        size += block.byteLength;
      }
      await file.sync();
    } finally {
      await file.close();
    }
    const digest = hasher.digest();
    if (digest.sha256 !== blob.sha256 || digest.size !== blob.size) throw new CliError(`blob ${blob.sha256} arrived as ${digest.size} bytes hashing to ${digest.sha256}`);
    await rename(temp, join(dir, BUNDLE_BLOBS_DIR, blob.sha256));
    log(`  ${blob.sha256.slice(0, 12)}  ${blob.target}`);
  }
  await writeFile(join(dir, BUNDLE_MANIFEST_FILE), detail.manifest);
  await writeFile(join(dir, BUNDLE_SIGNATURE_FILE), `${JSON.stringify(detail.signature, null, 2)}\n`);
  return detail;
}
