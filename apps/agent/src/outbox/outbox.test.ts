import { existsSync } from "node:fs";
import { appendFile, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ZOutboxRecord, type OutboxRecord } from "@outpost/cluster-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Logger } from "../logging/logger";
import { Outbox, OUTBOX_ACKED_FILE, OUTBOX_LOG_FILE, type OutboxOptions } from "./outbox";
import { OutboxError } from "./outbox-error";
import { frameLine } from "./checked-line";
import { decodeRecord, encodeRecord } from "./record-codec";
import { changeInput, jobInput, snapshotInput } from "./records.fixture";

const AT = "2026-01-01T00:00:00.000Z";

let dir: string;
let warnings: string[];
let open: Outbox[];

beforeEach(async () => {
  // tmpfs when there is one: the long-offline test makes thousands of fsyncs.
  const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  dir = await mkdtemp(join(base, "outpost-outbox-"));
  warnings = [];
  open = [];
});
afterEach(async () => {
  await Promise.all(open.map((o) => o.close().catch(() => undefined)));
  await rm(dir, { recursive: true, force: true });
});

// The outbox logs plain messages, no fields.
const logger: Logger = { info: () => undefined, warn: (m) => warnings.push(String(m)), error: (m) => warnings.push(String(m)) };

async function openOutbox(opts: OutboxOptions = {}): Promise<Outbox> {
  const outbox = await Outbox.open(dir, { logger, ...opts });
  open.push(outbox);
  return outbox;
}

async function reopen(outbox: Outbox, opts: OutboxOptions = {}): Promise<Outbox> {
  await outbox.close();
  return openOutbox(opts);
}

/** The records in outbox.log, asserting that every line is intact. */
async function logRecords(): Promise<OutboxRecord[]> {
  const text = await readFile(join(dir, OUTBOX_LOG_FILE));
  const lines = text.toString("utf8").split("\n");
  expect(lines.pop()).toBe("");
  return lines.map((line) => {
    const record = decodeRecord(Buffer.from(line));
    expect(record).not.toBeNull();
    return record!;
  });
}

function seqs(records: OutboxRecord[]): number[] {
  return records.map((r) => r.seq);
}

async function caught(promise: Promise<unknown>): Promise<OutboxError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof OutboxError) return err;
    throw err;
  }
  throw new Error("expected an OutboxError");
}

describe("Outbox", () => {
  it("appends, hands out pending records in order and forgets them on ack", async () => {
    const outbox = await openOutbox();
    expect(outbox.stats()).toMatchObject({ queued: 0, queuedBytes: 0, oldestAt: null, highestSeq: 0, ackedSeq: 0 });
    expect(await outbox.append(changeInput(1, AT))).toBe(1);
    expect(await outbox.append(jobInput("job-1", "2026-01-01T00:00:01.000Z"))).toBe(2);
    expect(await outbox.append(changeInput(2, "2026-01-01T00:00:02.000Z"))).toBe(3);

    expect(seqs(outbox.pending(10))).toEqual([1, 2, 3]);
    expect(seqs(outbox.pending(2))).toEqual([1, 2]);
    expect(outbox.pending(2)[1]).toMatchObject({ kind: "job-result", result: { jobId: "job-1" } });
    expect(outbox.stats()).toMatchObject({ queued: 3, oldestAt: AT, highestSeq: 3, ackedSeq: 0 });
    expect(outbox.stats().queuedBytes).toBe((await stat(join(dir, OUTBOX_LOG_FILE))).size);

    await outbox.ack(2);
    expect(seqs(outbox.pending(10))).toEqual([3]);
    expect(outbox.stats()).toMatchObject({ queued: 1, oldestAt: "2026-01-01T00:00:02.000Z", ackedSeq: 2 });
    await outbox.ack(1); // stale: ignored
    expect(outbox.stats().ackedSeq).toBe(2);
  });

  it("writes concurrent appends to disk in seq order", async () => {
    const outbox = await openOutbox();
    const got = await Promise.all(Array.from({ length: 50 }, (_, i) => outbox.append(changeInput(i, AT))));
    expect(got).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const onDisk = await logRecords();
    expect(seqs(onDisk)).toEqual(got);
    expect(onDisk.map((r) => (r.kind === "change" ? r.change.name : ""))).toEqual(got.map((s) => `web-${s - 1}`));
  });

  it("continues the seq numbering after a reopen, and after everything was acked and compacted", async () => {
    let outbox = await openOutbox({ maxBytes: 16 * 1024 });
    for (let i = 0; i < 5; i++) await outbox.append(changeInput(i, AT));
    outbox = await reopen(outbox, { maxBytes: 16 * 1024 });
    expect(seqs(outbox.pending(10))).toEqual([1, 2, 3, 4, 5]);
    expect(await outbox.append(changeInput(5, AT))).toBe(6);

    // Enough acked bytes to compact the log down to nothing.
    for (let i = 0; i < 40; i++) await outbox.append(jobInput(`job-${i}`, AT));
    await outbox.ack(46);
    expect(await logRecords()).toEqual([]);
    outbox = await reopen(outbox, { maxBytes: 16 * 1024 });
    expect(outbox.stats()).toMatchObject({ queued: 0, highestSeq: 46, ackedSeq: 46 });
    expect(await outbox.append(changeInput(99, AT))).toBe(47);
  });

  it("keeps the acknowledgement across a reopen", async () => {
    let outbox = await openOutbox();
    for (let i = 0; i < 4; i++) await outbox.append(changeInput(i, AT));
    await outbox.ack(3);
    outbox = await reopen(outbox);
    expect(seqs(outbox.pending(10))).toEqual([4]);
    expect(outbox.stats()).toMatchObject({ ackedSeq: 3, highestSeq: 4 });
    expect(await readFile(join(dir, OUTBOX_ACKED_FILE), "utf8")).toMatch(/^[0-9a-f]{8} \{"ackedSeq":3,"highSeq":4\}\n$/);
  });

  it("numbers on after an ack beyond its own highest seq (the centre outlived a wiped outbox)", async () => {
    let outbox = await openOutbox();
    await outbox.append(changeInput(1, AT));
    await outbox.ack(500);
    expect(outbox.stats()).toMatchObject({ queued: 0, ackedSeq: 500, highestSeq: 500 });
    expect(warnings.join("\n")).toMatch(/acknowledged seq 500/);
    outbox = await reopen(outbox);
    expect(await outbox.append(changeInput(2, AT))).toBe(501);
  });

  it("cuts off a torn last line and appends after the valid prefix", async () => {
    let outbox = await openOutbox();
    for (let i = 0; i < 3; i++) await outbox.append(changeInput(i, AT));
    await outbox.close();
    const logPath = join(dir, OUTBOX_LOG_FILE);
    const valid = (await stat(logPath)).size;
    const torn = encodeRecord(ZOutboxRecord.parse({ seq: 4, ...jobInput("job-torn", AT) }));
    await appendFile(logPath, torn.subarray(0, torn.length - 7));

    outbox = await openOutbox();
    expect(seqs(outbox.pending(10))).toEqual([1, 2, 3]);
    expect((await stat(logPath)).size).toBe(valid);
    expect(warnings.join("\n")).toMatch(/torn last line/);
    // Seq 4 never resolved, so handing it out again is safe; the next append lands cleanly.
    expect(await outbox.append(changeInput(9, AT))).toBe(4);
    outbox = await reopen(outbox);
    expect(seqs(outbox.pending(10))).toEqual([1, 2, 3, 4]);
    expect(seqs(await logRecords())).toEqual([1, 2, 3, 4]);
  });

  it("ends the valid prefix at a corrupted middle line and truncates the file there", async () => {
    let outbox = await openOutbox();
    for (let i = 0; i < 5; i++) await outbox.append(changeInput(i, AT));
    await outbox.close();
    const logPath = join(dir, OUTBOX_LOG_FILE);
    const bytes = await readFile(logPath);
    const lineStarts = [0, ...[...bytes.entries()].filter(([, b]) => b === 0x0a).map(([i]) => i + 1)];
    const third = lineStarts[2]!;
    bytes[third + 30] = bytes[third + 30]! ^ 0x20; // one flipped bit inside the JSON
    await writeFile(logPath, bytes);

    outbox = await openOutbox();
    expect(seqs(outbox.pending(10))).toEqual([1, 2]);
    expect((await stat(logPath)).size).toBe(third);
    expect(warnings.join("\n")).toMatch(/damaged line at byte/);
    // The high-water mark only knows seq 2 now (nothing was acked, so nothing was sent twice).
    expect(await outbox.append(changeInput(9, AT))).toBe(3);
    expect(seqs(await logRecords())).toEqual([1, 2, 3]);
  });

  // The SIGKILL test rarely lands inside a compaction's few microseconds between steps, so the
  // on-disk states a crash can leave there are built here directly.
  it("recovers from a crash after the compacted temp file was written but before the rename", async () => {
    let outbox = await openOutbox();
    for (let i = 0; i < 5; i++) await outbox.append(changeInput(i, AT));
    await outbox.close();
    const half = encodeRecord(ZOutboxRecord.parse({ seq: 4, ...changeInput(3, AT) }));
    await writeFile(join(dir, `${OUTBOX_LOG_FILE}.tmp`), half.subarray(0, 20));
    await writeFile(join(dir, `${OUTBOX_ACKED_FILE}.tmp`), "");
    outbox = await openOutbox();
    expect(seqs(outbox.pending(10))).toEqual([1, 2, 3, 4, 5]);
    expect(await readdir(dir)).toEqual([OUTBOX_LOG_FILE]);
  });

  it("recovers from a crash after the high-water mark was saved but before the log was rewritten", async () => {
    let outbox = await openOutbox();
    for (let i = 0; i < 5; i++) await outbox.append(changeInput(i, AT));
    await outbox.close();
    await writeFile(join(dir, OUTBOX_ACKED_FILE), frameLine(JSON.stringify({ ackedSeq: 2, highSeq: 9 })));
    outbox = await openOutbox();
    expect(seqs(outbox.pending(10))).toEqual([3, 4, 5]);
    expect(await outbox.append(changeInput(9, AT))).toBe(10);
  });

  it("starts from the log alone when the acked file is damaged", async () => {
    let outbox = await openOutbox();
    for (let i = 0; i < 3; i++) await outbox.append(changeInput(i, AT));
    await outbox.ack(1);
    await outbox.close();
    await writeFile(join(dir, OUTBOX_ACKED_FILE), "0000beef {not json\n");
    outbox = await openOutbox();
    expect(warnings.join("\n")).toMatch(/damaged/);
    // Seq 1 is offered again; the centre applies each seq at most once, so that is harmless.
    expect(seqs(outbox.pending(10))).toEqual([1, 2, 3]);
    expect(await outbox.append(changeInput(9, AT))).toBe(4);
  });

  it("compacts the log to exactly the pending records", async () => {
    const outbox = await openOutbox({ maxBytes: 16 * 1024 });
    for (let i = 0; i < 30; i++) await outbox.append(changeInput(i, AT));
    await outbox.ack(10);
    // Not worth it yet: 10 dead records against 20 live ones.
    expect(seqs(await logRecords())).toHaveLength(30);
    await outbox.ack(25);
    const onDisk = await logRecords();
    expect(onDisk).toEqual(outbox.pending(100));
    expect(seqs(onDisk)).toEqual([26, 27, 28, 29, 30]);
    expect(outbox.stats().logBytes).toBe((await stat(join(dir, OUTBOX_LOG_FILE))).size);
    expect(existsSync(join(dir, `${OUTBOX_LOG_FILE}.tmp`))).toBe(false);
    // The reopened handle appends to the new file, not the replaced one.
    await outbox.append(changeInput(99, AT));
    expect(seqs(await logRecords())).toEqual([26, 27, 28, 29, 30, 31]);
  });

  it("keeps only the newest pending snapshot, also after a reopen", async () => {
    let outbox = await openOutbox();
    await outbox.append(snapshotInput(AT));
    await outbox.append(changeInput(1, AT));
    await outbox.append(snapshotInput(AT));
    await outbox.append(jobInput("job-1", AT));
    await outbox.append(snapshotInput(AT));
    const kinds = (o: Outbox) => o.pending(10).map((r) => `${r.kind}:${r.seq}`);
    expect(kinds(outbox)).toEqual(["change:2", "job-result:4", "snapshot:5"]);
    outbox = await reopen(outbox);
    expect(kinds(outbox)).toEqual(["change:2", "job-result:4", "snapshot:5"]);
    expect(outbox.stats().queuedBytes).toBe(outbox.pending(10).reduce((n, r) => n + encodeRecord(r).length, 0));
  });

  it("rejects an invalid record without writing anything", async () => {
    const outbox = await openOutbox();
    const bad = { ...changeInput(1, AT), at: "yesterday" };
    const err = await caught(outbox.append(bad));
    expect(err.code).toBe("invalid-record");
    expect(err.message).toContain("at");
    expect(await logRecords()).toEqual([]);
    expect(await outbox.append(changeInput(1, AT))).toBe(1);
  });

  it("refuses work after close and bad arguments", async () => {
    const outbox = await openOutbox();
    expect((await caught(outbox.ack(-1))).code).toBe("invalid-argument");
    expect(() => outbox.pending(1.5)).toThrow(OutboxError);
    await outbox.close();
    await outbox.close();
    expect((await caught(outbox.append(changeInput(1, AT)))).code).toBe("closed");
    expect(() => outbox.pending(1)).toThrow(/closed/);
  });

  it("stays within its bound through a day offline, keeping the newest snapshot and every job result", async () => {
    // A day without a link: a snapshot every 15 s, a change every minute, a job result every
    // hour, times from a fake clock.
    const maxBytes = 16 * 1024;
    let outbox = await openOutbox({ maxBytes });
    const start = Date.parse(AT);
    let lastSnapshotSeq = 0;
    const jobSeqs: number[] = [];
    let changes = 0;
    for (let t = 0; t < 24 * 3600; t += 15) {
      const at = new Date(start + t * 1000).toISOString();
      lastSnapshotSeq = await outbox.append(snapshotInput(at));
      if (t % 60 === 0) {
        await outbox.append(changeInput(changes++, at));
      }
      if (t % 3600 === 0) jobSeqs.push(await outbox.append(jobInput(`job-${t}`, at)));
      const stats = outbox.stats();
      expect(stats.queuedBytes).toBeLessThanOrEqual(maxBytes);
      expect(stats.overBound).toBe(false);
      // Dead bytes (acked or superseded) are compacted away before they outgrow the live ones.
      expect(stats.logBytes).toBeLessThanOrEqual(2 * maxBytes + 1024);
    }
    expect(changes).toBe(1440);

    const check = (o: Outbox) => {
      const pending = o.pending(100_000);
      expect(seqs(pending)).toEqual([...seqs(pending)].sort((a, b) => a - b));
      const snapshots = pending.filter((r) => r.kind === "snapshot");
      expect(seqs(snapshots)).toEqual([lastSnapshotSeq]);
      expect(seqs(pending.filter((r) => r.kind === "job-result"))).toEqual(jobSeqs);
      const gaps = pending.filter((r) => r.kind === "gap");
      expect(gaps).toHaveLength(1);
      const dropped = gaps[0]!.kind === "gap" ? gaps[0]!.dropped : 0;
      const kept = pending.filter((r) => r.kind === "change").length;
      expect(kept).toBeGreaterThan(0);
      expect(dropped + kept).toBe(1440);
      expect(o.stats().droppedChanges).toBe(dropped);
      // The gap sits where the oldest change was (seq 2, after the first snapshot) and keeps its time.
      expect(pending[0]).toMatchObject({ kind: "gap", seq: 2, at: AT });
      return pending;
    };
    const before = check(outbox);
    outbox = await reopen(outbox, { maxBytes });
    expect(check(outbox)).toEqual(before);
  }, 120_000);

  it("keeps job results over the bound and says so, and never reuses the seq of a folded change", async () => {
    let outbox = await openOutbox({ maxBytes: 1024 });
    for (let i = 0; i < 20; i++) await outbox.append(jobInput(`job-${i}`, AT));
    expect(outbox.stats().overBound).toBe(true);
    expect(warnings.join("\n")).toMatch(/over the 1024-byte bound/);
    // Over the bound every change is folded, even the newest: seq 22 leaves the log entirely.
    await outbox.append(changeInput(1, AT));
    await outbox.append(changeInput(2, AT));
    const kinds = outbox.pending(100).map((r) => r.kind);
    expect(kinds.filter((k) => k === "job-result")).toHaveLength(20);
    expect(outbox.pending(100).at(-1)).toMatchObject({ kind: "gap", seq: 21, dropped: 2 });
    expect(seqs(await logRecords()).at(-1)).toBe(21);
    outbox = await reopen(outbox, { maxBytes: 1024 });
    expect(await outbox.append(jobInput("job-after", AT))).toBe(23);

    await outbox.ack(23);
    expect(outbox.stats()).toMatchObject({ overBound: false, queued: 0 });
  });
});
