import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import type { OutboxRecord } from "@outpost/cluster-core";

export interface OutboxOnDisk {
  /** Records of the log's valid prefix (what the agent recovers at its next start), by seq. */
  records: OutboxRecord[];
  /** From outbox.acked: the last seq the centre acknowledged and the highest seq ever issued. */
  ackedSeq: number;
  highSeq: number;
  /** Bytes after the valid prefix (a torn or damaged tail), 0 when the whole log is valid. */
  invalidTailBytes: number;
}

/**
 * Reads an agent's outbox from its state dir the way the agent recovers it (apps/agent/src/outbox):
 * `outbox/outbox.log` holds one record per line as "<crc32 hex> <json>\n", and its valid prefix
 * ends at the first torn, damaged or out-of-order line; `outbox/outbox.acked` is one such line.
 * Only for an agent that is not running (e.g. just killed): it is a snapshot of the files.
 */
export function readOutboxFiles(stateDir: string): OutboxOnDisk {
  const dir = join(stateDir, "outbox");
  const logPath = join(dir, "outbox.log");
  const ackedPath = join(dir, "outbox.acked");
  const records: OutboxRecord[] = [];
  let invalidTailBytes = 0;
  if (existsSync(logPath)) {
    const bytes = readFileSync(logPath);
    let from = 0;
    let lastSeq = 0;
    for (let nl = bytes.indexOf(0x0a, from); nl !== -1; nl = bytes.indexOf(0x0a, from)) {
      const record = unframe(bytes.subarray(from, nl)) as OutboxRecord | null;
      if (!record || typeof record.seq !== "number" || record.seq <= lastSeq) break;
      lastSeq = record.seq;
      records.push(record);
      from = nl + 1;
    }
    invalidTailBytes = bytes.length - from;
  }
  let ackedSeq = 0;
  let highSeq = 0;
  if (existsSync(ackedPath)) {
    const raw = readFileSync(ackedPath);
    const state = unframe(raw.at(-1) === 0x0a ? raw.subarray(0, -1) : raw) as { ackedSeq?: number; highSeq?: number } | null;
    if (!state) throw new Error(`${ackedPath} is damaged`);
    ackedSeq = state.ackedSeq ?? 0;
    highSeq = state.highSeq ?? 0;
  }
  return { records, ackedSeq, highSeq, invalidTailBytes };
}

function unframe(line: Buffer): unknown {
  if (line.length < 10 || line[8] !== 0x20) return null;
  const hex = line.subarray(0, 8).toString("latin1");
  if (!/^[0-9a-f]{8}$/.test(hex)) return null;
  const body = line.subarray(9);
  if (crc32(body) >>> 0 !== Number.parseInt(hex, 16)) return null;
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return null;
  }
}
