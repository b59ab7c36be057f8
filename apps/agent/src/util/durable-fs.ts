import { constants as fsConstants } from "node:fs";
import { mkdir, open, rename, rm, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";

/** Suffix of the temporary file beside each file that is replaced by rename. */
export const TEMP_SUFFIX = ".tmp";

/** Writes the whole buffer at `position`; write(2) may legally write less than asked. */
export async function writeAll(file: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

/**
 * Makes renames and file creations inside `dir` durable: without it a power cut can bring back
 * the old directory entry even though the new file's contents were fsynced.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on directories; nothing more can be done there.
    if (!isErrnoCode(err, "EINVAL") && !isErrnoCode(err, "EISDIR")) throw err;
  } finally {
    await handle.close();
  }
}

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

export function isErrnoCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === code;
}

/** Writes a whole small file durably (credentials, cached desired state), creating its folder 0700. */
export async function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await replaceFileDurably(path, [typeof data === "string" ? Buffer.from(data) : data]);
}
