import { readFile } from "node:fs/promises";
import { z } from "zod";
import { frameLine, unframeLine } from "./checked-line";
import { isErrnoCode, replaceFileDurably } from "../util/durable-fs";

/**
 * `outbox.acked`: the last seq the centre acknowledged, and the highest seq ever issued. The
 * high-water mark lives here because compaction may remove every record from the log, and a
 * seq must never be issued twice (the centre would drop the second record as a duplicate).
 */
export const ZAckedState = z.object({
  ackedSeq: z.number().int().min(0),
  highSeq: z.number().int().min(0),
});
export type AckedState = z.infer<typeof ZAckedState>;

export const EMPTY_ACKED_STATE: AckedState = { ackedSeq: 0, highSeq: 0 };

/**
 * Reads the state; a missing file is the empty state. A damaged file cannot come from a crash
 * (it is only ever replaced by rename), only from a bad disk: report it and start from the log,
 * because an agent that refuses to start helps nobody — the centre's ack on the next hello
 * brings `ackedSeq` (and, through ack(), the seq numbering) back up.
 */
export async function readAckedState(path: string): Promise<{ state: AckedState; problem: string | null }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    if (isErrnoCode(err, "ENOENT")) return { state: EMPTY_ACKED_STATE, problem: null };
    throw err;
  }
  const line = bytes.at(-1) === 0x0a ? bytes.subarray(0, -1) : bytes;
  const parsed = ZAckedState.safeParse(unframeLine(line));
  if (!parsed.success) return { state: EMPTY_ACKED_STATE, problem: `${path} is damaged; starting from the log alone` };
  return { state: parsed.data, problem: null };
}

/** Replaces the state file atomically and durably. */
export async function writeAckedState(path: string, state: AckedState): Promise<void> {
  await replaceFileDurably(path, [frameLine(JSON.stringify(ZAckedState.parse(state)))]);
}
