import { randomBytes } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Replaces a file so that a crash or power cut at any moment leaves either the old file or the
 * complete new one, never a torn one: temp file (created with `mode`, never readable by others
 * if 0600) → fsync → rename over → fsync the directory (makes the rename durable).
 */
export async function writeFileAtomically(target: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const dir = dirname(target);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const file = await open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, mode);
    try {
      // The umask can only remove bits, but be explicit in case the file system ignores the mode.
      await file.chmod(mode);
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDirectory(dir);
}

export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on directories; the rename itself already happened.
    if (!isErrnoCode(err, "EINVAL") && !isErrnoCode(err, "EISDIR")) throw err;
  } finally {
    await handle.close();
  }
}

export function isErrnoCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === code;
}
