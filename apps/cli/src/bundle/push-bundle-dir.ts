import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { BUNDLE_SIGNATURE_FILE, BundleError, formatBytes, parseBundleManifest, type BundleDetail, type MissingBlobsResponse } from "@outpost/cluster-core";
import { readBundleDir } from "@outpost/cluster-core/node";
import type { CentreClient } from "../api/centre-client";
import { CliError } from "../cli-error";

/**
 * Uploads a bundle directory: only the blobs the centre lacks (streamed from disk), then the
 * manifest, which the centre checks against its copies and signs. The signature is written
 * beside the manifest (manifest.sig), which makes the directory importable from a USB stick.
 */
export async function pushBundleDir(client: CentreClient, dir: string, log: (line: string) => void): Promise<BundleDetail> {
  const bundle = await readBundleDir(dir).catch((err: unknown) => Promise.reject(err instanceof BundleError ? new CliError(err.message) : err));
  let blobs;
  try {
    blobs = parseBundleManifest(bundle.manifestText).blobs;
  } catch (err) {
    if (err instanceof BundleError) throw new CliError(`${dir}: ${err.message}`);
    throw err;
  }
  const sizes = new Map(blobs.map((b) => [b.sha256, b.size]));
  const { missing } = await client.json<MissingBlobsResponse>("POST", "/api/v1/blobs/missing", { sha256s: [...sizes.keys()] });
  log(`${sizes.size - missing.length} of ${sizes.size} blob(s) already at the centre; uploading ${missing.length}`);
  for (const sha of missing) {
    const path = bundle.blobPath(sha);
    const local = await stat(path).catch(() => null);
    if (!local) throw new CliError(`${dir} lacks blob ${sha} (blobs/${sha})`);
    if (local.size !== sizes.get(sha)) throw new CliError(`blobs/${sha} is ${local.size} bytes, the manifest says ${sizes.get(sha)}`);
    const started = Date.now();
    await client.upload("PUT", `/api/v1/blobs/${sha}`, path, local.size);
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    log(`  ${sha.slice(0, 12)}  ${formatBytes(local.size)} in ${seconds.toFixed(1)} s`);
  }
  const detail = await client.json<BundleDetail>("POST", "/api/v1/bundles", { manifest: bundle.manifestText });
  await writeFile(join(dir, BUNDLE_SIGNATURE_FILE), `${JSON.stringify(detail.signature, null, 2)}\n`);
  return detail;
}
