import { randomUUID, createHash } from "node:crypto";
import { createReadStream, type ReadStream } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { ZSha256 } from "@outpost/cluster-core";
import { fsyncDirectory, isErrnoCode, writeAll } from "@outpost/cluster-core/node";
import { AppError } from "../errors/app-error";

export interface PutBlobOptions {
  /** The sha256 the caller claims; the bytes must hash to it. */
  sha256?: string;
  /** The size the caller claims (e.g. Content-Length); more or fewer bytes are refused. */
  size?: number;
  /** Refuse bodies larger than this. */
  maxBytes: number;
}

export interface PutBlobResult {
  sha256: string;
  size: number;
  existed: boolean;
}

/**
 * Content-addressed blobs on disk (bundles' k3s binaries, image tarballs, charts), named by the
 * sha256 of their bytes: `<dir>/sha256/<first two hex>/<sha256>`. Bytes stream in and out in
 * small blocks, never whole in memory. A blob appears under its name only complete and
 * verified (temp file in `<dir>/incoming`, fsync, rename), so a crash mid-upload leaves at
 * most a temp file, removed at the next start.
 */
export interface BlobStore {
  readonly dir: string;
  /** Size of the stored blob, or null when the store lacks it. */
  size(sha256: string): Promise<number | null>;
  /** Streams `source` in, hashing as it goes; refuses bytes that do not match the claims. */
  put(source: AsyncIterable<Uint8Array>, opts: PutBlobOptions): Promise<PutBlobResult>;
  /** Reads the blob from `start` (a missing blob throws NOT_FOUND). */
  read(sha256: string, start?: number): Promise<ReadStream>;
  remove(sha256: string): Promise<void>;
  /** Every stored blob's name. */
  list(): Promise<string[]>;
}

/** Opens (creating) the store in `dir` and clears temp files of interrupted uploads. */
export async function openBlobStore(dir: string): Promise<BlobStore> {
  const incoming = join(dir, "incoming");
  const root = join(dir, "sha256");
  await rm(incoming, { recursive: true, force: true });
  await mkdir(incoming, { recursive: true, mode: 0o700 });
  await mkdir(root, { recursive: true, mode: 0o700 });
  const pathOf = (sha256: string) => {
    if (!ZSha256.safeParse(sha256).success) throw new AppError("INVALID_INPUT", `'${sha256}' is not a sha256 (64 lower-case hex digits)`);
    return join(root, sha256.slice(0, 2), sha256);
  };
  const size = async (sha256: string) => {
    try {
      return (await stat(pathOf(sha256))).size;
    } catch (err) {
      if (isErrnoCode(err, "ENOENT")) return null;
      throw err;
    }
  };

  return {
    dir,
    size,
    async put(source, opts) {
      if (opts.sha256) pathOf(opts.sha256);
      const temp = join(incoming, randomUUID());
      const hash = createHash("sha256");
      let written = 0;
      try {
        const file = await open(temp, "wx", 0o600);
        try {
          for await (const block of source) {
            if (written + block.byteLength > (opts.size ?? opts.maxBytes)) {
              throw new AppError("INVALID_INPUT", opts.size !== undefined ? `the body is longer than the declared ${opts.size} bytes` : `blobs are at most ${opts.maxBytes} bytes`);
            }
            hash.update(block);
            await writeAll(file, block, written);
            written += block.byteLength;
          }
          await file.sync();
        } finally {
          await file.close();
        }
        const sha256 = hash.digest("hex");
        if (opts.size !== undefined && written !== opts.size) throw new AppError("INVALID_INPUT", `the body ended after ${written} of the declared ${opts.size} bytes`);
        if (opts.sha256 && sha256 !== opts.sha256) throw new AppError("INVALID_INPUT", `the bytes hash to ${sha256}, not ${opts.sha256}: the blob was changed or cut short`);
        if ((await size(sha256)) !== null) return { sha256, size: written, existed: true };
        const final = pathOf(sha256);
        await mkdir(join(root, sha256.slice(0, 2)), { recursive: true, mode: 0o700 });
        await rename(temp, final);
        await fsyncDirectory(join(root, sha256.slice(0, 2)));
        return { sha256, size: written, existed: false };
      } finally {
        await rm(temp, { force: true });
      }
    },
    async read(sha256, start = 0) {
      const path = pathOf(sha256);
      if ((await size(sha256)) === null) throw new AppError("NOT_FOUND", `the centre has no blob ${sha256}`);
      return createReadStream(path, { start, highWaterMark: 256 * 1024 });
    },
    async remove(sha256) {
      await rm(pathOf(sha256), { force: true });
    },
    async list() {
      const names: string[] = [];
      for (const shard of await readdir(root)) {
        for (const name of await readdir(join(root, shard)).catch(() => [])) if (ZSha256.safeParse(name).success) names.push(name);
      }
      return names;
    },
  };
}
