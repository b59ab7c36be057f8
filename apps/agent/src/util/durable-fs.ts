import { constants as fsConstants } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { fsyncDirectory, isErrnoCode, writeAll } from "@outpost/cluster-core/node";

export { fsyncDirectory, isErrnoCode, writeAll };

/** Suffix of the temporary file beside each file that is replaced by rename. */
export const TEMP_SUFFIX = ".tmp";

/**
 * Replaces `path` so that a crash at any moment leaves either the complete old file or the
 * complete new one: temp file → fsync → rename over → fsync the directory. Returns the bytes
 * written.
 */
export async function replaceFileDurably(path: string, chunks: Iterable<Uint8Array>): Promise<number> {
  const temp = path + TEMP_SUFFIX;
  let size = 0;
  try {
    const file = await open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_TRUNC, 0o600);
    try {
      for (const chunk of chunks) {
        await writeAll(file, chunk, size);
        size += chunk.length;
      }
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDirectory(dirname(path));
  return size;
}

/** Writes a whole small file durably (credentials, cached desired state), creating its folder 0700. */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await replaceFileDurably(path, [typeof data === "string" ? Buffer.from(data) : data]);
}
