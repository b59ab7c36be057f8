import { type OutboxRecord } from "@outpost/cluster-core";
import { encodeRecord } from "./record-codec";

/** A pending record and the size of its line in the log. */
export interface PendingEntry {
  readonly record: OutboxRecord;
  readonly bytes: number;
}

export interface TrimResult {
  /** The new pending list; the input array itself when nothing changed. */
  entries: PendingEntry[];
  queuedBytes: number;
  changed: boolean;
  /** Changes folded into the gap by this trim (not counting those an older gap already held). */
  droppedNow: number;
}

/**
 * The bound policy for a pending list that is over `maxBytes` (snapshots are already coalesced
 * to the newest one on append). The oldest `change` records — and any older `gap`, so there is
 * only ever one — are folded into a single `gap` that takes the first folded record's seq and
 * time, so the list stays in seq order. Job results and the snapshot are never dropped.
 *
 * It trims down to 3/4 of the bound, not just under it, because every trim rewrites the log:
 * the slack turns a rewrite per append into one per quarter-bound of new data. When the list is
 * mostly job results and the trim cannot reach that mark, it only happens once it frees at
 * least 1/8 of the bound, for the same reason; the list stays over the bound until then.
 */
export function trimPending(entries: PendingEntry[], queuedBytes: number, maxBytes: number): TrimResult {
  const unchanged: TrimResult = { entries, queuedBytes, changed: false, droppedNow: 0 };
  if (queuedBytes <= maxBytes) return unchanged;
  const lowWater = Math.floor((maxBytes * 3) / 4);

  const folded = new Set<number>();
  let firstIndex = -1;
  let freed = 0;
  let dropped = 0;
  let droppedNow = 0;
  let gap: PendingEntry | undefined;
  for (let i = 0; i < entries.length; i++) {
    const { record, bytes } = entries[i]!;
    if (record.kind !== "change" && record.kind !== "gap") continue;
    if (firstIndex === -1) firstIndex = i;
    folded.add(i);
    freed += bytes;
    dropped += record.kind === "change" ? 1 : record.dropped;
    if (record.kind === "change") droppedNow++;
    const { seq, at } = entries[firstIndex]!.record;
    gap = makeGap(seq, at, dropped);
    if (queuedBytes - freed + gap.bytes <= lowWater) break;
  }
  if (gap === undefined) return unchanged;

  const saved = freed - gap.bytes;
  if (queuedBytes - saved > lowWater && saved < Math.ceil(maxBytes / 8)) return unchanged;

  const next: PendingEntry[] = [];
  for (let i = 0; i < entries.length; i++) {
    if (i === firstIndex) next.push(gap);
    else if (!folded.has(i)) next.push(entries[i]!);
  }
  return { entries: next, queuedBytes: queuedBytes - saved, changed: true, droppedNow };
}

function makeGap(seq: number, at: string, dropped: number): PendingEntry {
  // Key order as the schema parses it, so the line is byte-identical after recovery.
  const record: OutboxRecord = { seq, at, kind: "gap", dropped };
  return { record, bytes: encodeRecord(record).length };
}
