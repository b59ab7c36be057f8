import { ZOutboxRecord, type OutboxRecord } from "@outpost/cluster-core";
import { describe, expect, it } from "vitest";
import { encodeRecord } from "./record-codec";
import { changeInput, jobInput, snapshotInput } from "./records.fixture";
import { trimPending, type PendingEntry } from "./trim-pending";

const AT = "2026-01-01T00:00:00.000Z";

function entry(record: OutboxRecord): PendingEntry {
  return { record, bytes: encodeRecord(record).length };
}
function change(seq: number): PendingEntry {
  return entry(ZOutboxRecord.parse({ ...changeInput(seq, AT), seq }));
}
function job(seq: number): PendingEntry {
  return entry(ZOutboxRecord.parse({ ...jobInput(`job-${seq}`, AT), seq }));
}
function snapshot(seq: number): PendingEntry {
  return entry(ZOutboxRecord.parse({ ...snapshotInput(AT), seq }));
}
function total(entries: PendingEntry[]): number {
  return entries.reduce((sum, e) => sum + e.bytes, 0);
}
function kinds(entries: PendingEntry[]): string[] {
  return entries.map((e) => `${e.record.kind}:${e.record.seq}`);
}

describe("trimPending", () => {
  it("leaves a list within the bound alone", () => {
    const entries = [change(1), job(2)];
    const result = trimPending(entries, total(entries), total(entries));
    expect(result.changed).toBe(false);
    expect(result.entries).toBe(entries);
  });

  it("folds the oldest changes into one gap at the first one's place, keeping job results and the snapshot", () => {
    const entries = [change(1), job(2), change(3), change(4), snapshot(5), change(6), change(7), change(8)];
    const maxBytes = total(entries) - 1;
    const result = trimPending(entries, total(entries), maxBytes);
    expect(result.changed).toBe(true);
    expect(result.queuedBytes).toBe(total(result.entries));
    expect(result.queuedBytes).toBeLessThanOrEqual(Math.floor((maxBytes * 3) / 4));
    const gap = result.entries[0]!.record;
    expect(gap).toMatchObject({ kind: "gap", seq: 1, at: AT });
    expect(result.droppedNow).toBe(gap.kind === "gap" ? gap.dropped : -1);
    // Everything but the folded changes is still there, in seq order.
    expect(kinds(result.entries).filter((k) => !k.startsWith("change"))).toEqual(["gap:1", "job-result:2", "snapshot:5"]);
    const seqs = result.entries.map((e) => e.record.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });

  it("absorbs an older gap so there is only ever one", () => {
    const gap = entry({ seq: 1, at: AT, kind: "gap", dropped: 40 });
    const entries = [gap, job(50), change(51), change(52), change(53), change(54)];
    const result = trimPending(entries, total(entries), total(entries) - 1);
    const gaps = result.entries.filter((e) => e.record.kind === "gap");
    expect(gaps).toHaveLength(1);
    const folded = 4 - result.entries.filter((e) => e.record.kind === "change").length;
    expect(folded).toBeGreaterThan(0);
    expect(gaps[0]!.record).toMatchObject({ seq: 1, dropped: 40 + folded });
    expect(result.droppedNow).toBe(folded);
  });

  it("does not rewrite for a small saving when job results fill the bound", () => {
    const jobs = Array.from({ length: 40 }, (_, i) => job(i + 1));
    const entries = [...jobs, change(41)];
    const result = trimPending(entries, total(entries), total(jobs));
    expect(result.changed).toBe(false);
    const many = [...jobs, ...Array.from({ length: 40 }, (_, i) => change(41 + i))];
    const trimmed = trimPending(many, total(many), total(jobs));
    expect(trimmed.changed).toBe(true);
    expect(trimmed.entries.filter((e) => e.record.kind === "job-result")).toHaveLength(40);
    expect(trimmed.entries.filter((e) => e.record.kind === "change")).toHaveLength(0);
  });
});
