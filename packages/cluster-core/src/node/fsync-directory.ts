import { constants as fsConstants } from "node:fs";
import { open } from "node:fs/promises";
import { isErrnoCode } from "./is-errno-code";

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
