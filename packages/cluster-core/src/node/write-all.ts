import type { FileHandle } from "node:fs/promises";

/** Writes the whole buffer at `position`; write(2) may legally write less than asked. */
export async function writeAll(file: FileHandle, data: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await file.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}
