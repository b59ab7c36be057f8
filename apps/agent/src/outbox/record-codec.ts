import { ZOutboxRecord, type OutboxRecord } from "@outpost/cluster-core";
import { frameLine, unframeLine } from "./checked-line";

/** One record as one checksummed log line, newline included. */
export function encodeRecord(record: OutboxRecord): Buffer {
  return frameLine(JSON.stringify(record));
}

/**
 * The record on one log line (without its "\n"), or null when the line is torn, fails its
 * checksum, or is not a record the wire schema accepts.
 */
export function decodeRecord(line: Uint8Array): OutboxRecord | null {
  const parsed = ZOutboxRecord.safeParse(unframeLine(line));
  return parsed.success ? parsed.data : null;
}
