import { type FileHandle } from "node:fs/promises";
import { type OutboxRecord } from "@outpost/cluster-core";
import { decodeRecord } from "./record-codec";

const READ_CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

export interface LogScan {
  /** Length of the valid prefix: every line in it is complete, checksummed and in seq order. */
  validBytes: number;
  fileBytes: number;
  /** Why the scan stopped before the end of the file, for the log; null when all of it is valid. */
  problem: string | null;
}

/**
 * Reads the log front to back in chunks (it can be tens of MiB on a small device) and hands each
 * record of the valid prefix to `visit` with its size on disk. The first line that is torn, fails
 * its checksum or breaks seq order ends the prefix: after a crash only the tail can be torn, and
 * anything behind a damaged line can no longer be trusted to be in order.
 */
export async function scanLog(file: FileHandle, visit: (record: OutboxRecord, bytes: number) => void): Promise<LogScan> {
  const { size: fileBytes } = await file.stat();
  const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  let carry: Buffer = Buffer.alloc(0);
  let lineStart = 0; // file offset of carry[0]
  let lastSeq = 0;
  let position = 0;

  while (position < fileBytes) {
    const { bytesRead } = await file.read(chunk, 0, Math.min(READ_CHUNK_BYTES, fileBytes - position), position);
    if (bytesRead === 0) break;
    position += bytesRead;
    const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
    let from = 0;
    for (let nl = data.indexOf(NEWLINE, from); nl !== -1; nl = data.indexOf(NEWLINE, from)) {
      const record = decodeRecord(data.subarray(from, nl));
      if (record === null || record.seq <= lastSeq) {
        const why = record === null ? "a damaged line" : `seq ${record.seq} after ${lastSeq}`;
        return { validBytes: lineStart, fileBytes, problem: `${why} at byte ${lineStart}; dropping the last ${fileBytes - lineStart} bytes` };
      }
      lastSeq = record.seq;
      visit(record, nl + 1 - from);
      lineStart += nl + 1 - from;
      from = nl + 1;
    }
    // Copy the unfinished line: `chunk` is overwritten by the next read.
    carry = Buffer.from(data.subarray(from));
  }
  if (lineStart < fileBytes) {
    return { validBytes: lineStart, fileBytes, problem: `a torn last line (${fileBytes - lineStart} bytes) at byte ${lineStart}` };
  }
  return { validBytes: fileBytes, fileBytes, problem: null };
}
