import { copyFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  BUNDLE_BLOBS_DIR,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_MANIFEST_FILE,
  BundleError,
  checkBundleTarget,
  defaultBundleTarget,
  parseBundleManifest,
  type BundleBlob,
  type BundleBlobRole,
  type BundleManifest,
} from "@outpost/cluster-core";
import { hashBlobFile, isErrnoCode } from "@outpost/cluster-core/node";
import { CliError } from "../cli-error";

export interface BundleFileInput {
  role: BundleBlobRole;
  /** The file on this machine. */
  source: string;
  /** Where it goes on the device; by default the role's place and the file's own name. */
  target?: string;
}

export interface CreateBundleDirOptions {
  out: string;
  name: string;
  version: string;
  k3sVersion: string;
  arch: string;
  chunkBytes: number;
  files: BundleFileInput[];
  now?: Date;
}

/**
 * Writes a bundle directory: each file copied into blobs/ and named by the sha256 of the copy
 * (so a file changing meanwhile cannot give a blob the wrong name), then manifest.json, written
 * last so that a half-made directory has none. The manifest is checked exactly as the centre
 * and the agent will check it. The directory must be new or empty.
 */
export async function createBundleDir(opts: CreateBundleDirOptions): Promise<BundleManifest> {
  const targets = opts.files.map((f) => f.target ?? defaultBundleTarget(f.role, f.source));
  opts.files.forEach((f, i) => {
    const refused = checkBundleTarget(f.role, targets[i]!);
    if (refused) throw new CliError(`${f.source}: ${refused}`);
  });
  const existing = await readdir(opts.out).catch((err: unknown) => (isErrnoCode(err, "ENOENT") ? [] : Promise.reject(err)));
  if (existing.length > 0) throw new CliError(`${opts.out} is not empty; bundles are written into a new directory`);
  const blobDir = join(opts.out, BUNDLE_BLOBS_DIR);
  await mkdir(blobDir, { recursive: true });

  const blobs: BundleBlob[] = [];
  for (const [i, f] of opts.files.entries()) {
    const temp = join(blobDir, `.incoming-${i}`);
    try {
      await copyFile(f.source, temp);
    } catch (err) {
      if (isErrnoCode(err, "ENOENT")) throw new CliError(`${f.source}: no such file`);
      if (isErrnoCode(err, "EISDIR")) throw new CliError(`${f.source} is a directory; name its files one by one`);
      throw err;
    }
    const digest = await hashBlobFile(temp, opts.chunkBytes);
    await rename(temp, join(blobDir, digest.sha256));
    blobs.push({ sha256: digest.sha256, size: digest.size, role: f.role, target: targets[i]!, chunks: digest.chunks });
  }
  const text = `${JSON.stringify(
    {
      formatVersion: BUNDLE_FORMAT_VERSION,
      name: opts.name,
      version: opts.version,
      k3sVersion: opts.k3sVersion,
      arch: opts.arch,
      createdAt: (opts.now ?? new Date()).toISOString(),
      chunkBytes: opts.chunkBytes,
      blobs,
    },
    null,
    2,
  )}\n`;
  let manifest: BundleManifest;
  try {
    manifest = parseBundleManifest(text);
  } catch (err) {
    await rm(opts.out, { recursive: true, force: true });
    if (err instanceof BundleError) throw new CliError(err.message);
    throw err;
  }
  const partial = join(opts.out, `${BUNDLE_MANIFEST_FILE}.partial`);
  await writeFile(partial, text);
  await rename(partial, join(opts.out, BUNDLE_MANIFEST_FILE));
  return manifest;
}
