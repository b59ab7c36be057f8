import { constants as fsConstants } from "node:fs";
import { mkdir, open, rm, stat, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ZOutboxRecord, type OutboxRecord, type OutboxRecordInput } from "@outpost/cluster-core";
import { createLogger, type Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import { readAckedState, writeAckedState } from "./acked-state";
import { fsyncDirectory, replaceFileDurably, TEMP_SUFFIX, writeAll } from "../util/durable-fs";
import { OutboxError } from "./outbox-error";
import { encodeRecord } from "./record-codec";
import { scanLog } from "./scan-log";
import { trimPending, type PendingEntry } from "./trim-pending";

export const OUTBOX_LOG_FILE = "outbox.log";
export const OUTBOX_ACKED_FILE = "outbox.acked";
export const DEFAULT_OUTBOX_MAX_BYTES = 32 * 1024 * 1024;
const REWRITE_BATCH_BYTES = 256 * 1024;

export interface OutboxOptions {
  /** Bound on the pending records' bytes in the log; see trimPending for what gives way. */
  maxBytes?: number;
  logger?: Logger;
}

export interface OutboxStats {
  queued: number;
  queuedBytes: number;
  oldestAt: string | null;
  /** Changes the queued gap records stand for: the centre will learn it missed these. */
  droppedChanges: number;
  highestSeq: number;
  ackedSeq: number;
  /** Still over maxBytes after trimming: only job results and the newest snapshot are left. */
  overBound: boolean;
  /** Size of outbox.log, acknowledged and superseded records included until compaction. */
  logBytes: number;
}

/**
 * The agent's durable outbox: records are appended to `outbox.log` and fsynced before append()
 * resolves, handed out in seq order by pending(), and forgotten once ack() has persisted the
 * centre's acknowledgement in `outbox.acked`. Every operation that touches the disk runs through
 * one queue, so lines land in seq order and a compaction never races an append.
 */
export class Outbox {
  private entries: PendingEntry[] = [];
  private queuedBytes = 0;
  private snapshotSeq: number | null = null;
  private ackedSeq = 0;
  private highSeq = 0;
  /** The high-water mark as `outbox.acked` has it; a rewrite must not drop a higher seq first. */
  private persistedHighSeq = 0;
  private fileBytes = 0;
  private overBound = false;
  private state: "open" | "broken" | "closed" = "open";
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly logPath: string,
    private readonly ackedPath: string,
    private file: FileHandle,
    private readonly maxBytes: number,
    private readonly logger: Logger,
  ) {}

  /**
   * Opens (creating if needed) the outbox in `dir` and recovers it: keeps the valid prefix of
   * the log and cuts off the rest, forgets acknowledged records, and continues the seq numbering
   * after the highest seq ever issued.
   */
  static async open(dir: string, opts: OutboxOptions = {}): Promise<Outbox> {
    const maxBytes = opts.maxBytes ?? DEFAULT_OUTBOX_MAX_BYTES;
    if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
      throw new OutboxError("invalid-argument", `maxBytes must be a positive integer, got ${maxBytes}`);
    }
    const logger = opts.logger ?? createLogger();
    const logPath = join(dir, OUTBOX_LOG_FILE);
    const ackedPath = join(dir, OUTBOX_ACKED_FILE);

    let file: FileHandle;
    try {
      const created = await mkdir(dir, { recursive: true, mode: 0o700 });
      if (created !== undefined) await fsyncDirectory(dirname(created));
      // Left by a crash in the middle of a replace; the file it was meant to replace is intact.
      await rm(logPath + TEMP_SUFFIX, { force: true });
      await rm(ackedPath + TEMP_SUFFIX, { force: true });
      file = await open(logPath, fsConstants.O_RDWR | fsConstants.O_CREAT, 0o600);
      // Makes a newly created log durable, and the removals above.
      await fsyncDirectory(dir);
    } catch (err) {
      throw new OutboxError("io", `cannot open the outbox in ${dir}: ${describeError(err)}`, { cause: err });
    }

    const outbox = new Outbox(logPath, ackedPath, file, maxBytes, logger);
    try {
      await outbox.recover();
      outbox.assertOpen();
    } catch (err) {
      await outbox.file.close().catch(() => undefined);
      throw err instanceof OutboxError ? err : new OutboxError("io", `cannot recover ${logPath}: ${describeError(err)}`, { cause: err });
    }
    return outbox;
  }

  /** Appends one record with the next seq; resolves with that seq once it is on disk. */
  append(input: OutboxRecordInput): Promise<number> {
    return this.enqueue(async () => {
      const parsed = ZOutboxRecord.safeParse({ ...input, seq: this.highSeq + 1 });
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(root)"))].join(", ");
        throw new OutboxError("invalid-record", `not a valid outbox record (bad ${fields})`);
      }
      const record = parsed.data;
      const line = encodeRecord(record);
      // Only now is the seq taken: one whose write failed (and was rolled back) was never seen
      // by anyone, so issuing it again is harmless.
      await this.writeLine(line);
      this.highSeq = record.seq;
      this.admit({ record, bytes: line.length });
      await this.enforceBound();
      await this.compactIfWorthIt();
      return record.seq;
    });
  }

  /** Up to `limit` unacknowledged records, oldest first. */
  pending(limit: number): OutboxRecord[] {
    this.assertOpen();
    assertCount("limit", limit);
    return this.entries.slice(0, limit).map((e) => e.record);
  }

  /**
   * The centre has stored everything up to `seq`: persist that, forget those records, and
   * compact the log once enough of it is dead. A stale ack (≤ the last one) is ignored.
   */
  async ack(seq: number): Promise<void> {
    assertCount("seq", seq);
    return this.enqueue(async () => {
      if (seq <= this.ackedSeq) return;
      let highSeq = this.highSeq;
      if (seq > highSeq) {
        // The centre holds seqs this device never issued (its outbox was wiped or damaged).
        // Numbering on from its mark keeps new records from being dropped as duplicates.
        this.logger.warn(`outbox: the centre acknowledged seq ${seq} but the highest issued here is ${highSeq}; continuing after ${seq}`);
        highSeq = seq;
      }
      try {
        await writeAckedState(this.ackedPath, { ackedSeq: seq, highSeq });
      } catch (err) {
        throw new OutboxError("io", `cannot record the acknowledgement of seq ${seq}: ${describeError(err)}`, { cause: err });
      }
      this.ackedSeq = seq;
      this.highSeq = highSeq;
      this.persistedHighSeq = highSeq;
      const kept = this.entries.slice(upperBound(this.entries, seq));
      this.entries = kept;
      this.queuedBytes = kept.reduce((sum, e) => sum + e.bytes, 0);
      if (this.snapshotSeq !== null && this.snapshotSeq <= seq) this.snapshotSeq = null;
      this.updateOverBound();
      await this.compactIfWorthIt();
    });
  }

  stats(): OutboxStats {
    let droppedChanges = 0;
    for (const { record } of this.entries) if (record.kind === "gap") droppedChanges += record.dropped;
    return {
      queued: this.entries.length,
      queuedBytes: this.queuedBytes,
      oldestAt: this.entries[0]?.record.at ?? null,
      droppedChanges,
      highestSeq: this.highSeq,
      ackedSeq: this.ackedSeq,
      overBound: this.overBound,
      logBytes: this.fileBytes,
    };
  }

  /** Waits for queued operations, then closes the log. Safe to call twice. */
  close(): Promise<void> {
    const done = this.tail.then(async () => {
      if (this.state === "closed") return;
      this.state = "closed";
      await this.file.close();
    });
    this.tail = done.catch(() => undefined);
    return done;
  }

  private async recover(): Promise<void> {
    const { state, problem: stateProblem } = await readAckedState(this.ackedPath);
    if (stateProblem !== null) this.logger.warn(`outbox: ${stateProblem}`);
    this.ackedSeq = state.ackedSeq;
    this.persistedHighSeq = state.highSeq;
    let lastSeq = 0;
    const scan = await scanLog(this.file, (record, bytes) => {
      lastSeq = record.seq;
      if (record.seq > state.ackedSeq) this.admit({ record, bytes });
    });
    if (scan.problem !== null) {
      this.logger.warn(`outbox: ${this.logPath} ends in ${scan.problem}`);
      // Appends continue at validBytes; the cut must be durable before one of them is.
      await this.file.truncate(scan.validBytes);
      await this.file.sync();
    }
    this.fileBytes = scan.validBytes;
    this.highSeq = Math.max(state.highSeq, state.ackedSeq, lastSeq);
    await this.enforceBound();
    await this.compactIfWorthIt();
  }

  /** Adds a record that is on disk to the in-memory list; a snapshot supersedes the queued one. */
  private admit(entry: PendingEntry): void {
    if (entry.record.kind === "snapshot") {
      if (this.snapshotSeq !== null) {
        const index = upperBound(this.entries, this.snapshotSeq) - 1;
        const [old] = this.entries.splice(index, 1);
        this.queuedBytes -= old!.bytes;
      }
      this.snapshotSeq = entry.record.seq;
    }
    this.entries.push(entry);
    this.queuedBytes += entry.bytes;
  }

  private async writeLine(line: Buffer): Promise<void> {
    try {
      await writeAll(this.file, line, this.fileBytes);
      await this.file.datasync();
    } catch (err) {
      // A half-written line followed by later appends would cut those off at recovery: roll
      // the file back to its last good length, or refuse all further work.
      try {
        await this.file.truncate(this.fileBytes);
        await this.file.datasync();
      } catch {
        this.state = "broken";
        throw new OutboxError("broken", `cannot write or roll back ${this.logPath}: ${describeError(err)}; reopen the outbox`, { cause: err });
      }
      throw new OutboxError("io", `cannot append to ${this.logPath}: ${describeError(err)}`, { cause: err });
    }
    this.fileBytes += line.length;
  }

  private async enforceBound(): Promise<void> {
    const trim = trimPending(this.entries, this.queuedBytes, this.maxBytes);
    // Memory changes only once the log says the same, so a reopen finds what pending() showed.
    if (trim.changed && (await this.rewriteLog(trim.entries))) {
      this.entries = trim.entries;
      this.queuedBytes = trim.queuedBytes;
      this.logger.warn(`outbox: over ${this.maxBytes} bytes; folded ${trim.droppedNow} more changes into a gap record`);
    }
    this.updateOverBound();
  }

  private async compactIfWorthIt(): Promise<void> {
    // Rewriting costs the live bytes, so wait until at least as much is dead: the log stays
    // under about twice its live size (plus a quarter of the bound), amortised O(1) per byte.
    const dead = this.fileBytes - this.queuedBytes;
    if (dead > Math.max(this.queuedBytes, this.maxBytes / 4)) await this.rewriteLog(this.entries);
  }

  /**
   * Replaces the log with exactly `entries`. Returns false if it failed while the old log was
   * still in place (the outbox carries on with it). A failure after the rename leaves this
   * handle on an unlinked file and the rename's durability unknown: the outbox goes broken.
   * Either way the operation that triggered it stands, since its own record is already safe.
   */
  private async rewriteLog(entries: PendingEntry[]): Promise<boolean> {
    let size: number;
    try {
      // The rewrite may drop the record with the highest seq; the mark must survive it.
      if (this.persistedHighSeq < this.highSeq) {
        await writeAckedState(this.ackedPath, { ackedSeq: this.ackedSeq, highSeq: this.highSeq });
        this.persistedHighSeq = this.highSeq;
      }
      size = await replaceFileDurably(this.logPath, batchLines(entries));
    } catch (err) {
      if (!(await this.logFileIsReplaced())) {
        this.logger.warn(`outbox: compaction of ${this.logPath} failed, keeping the old log: ${describeError(err)}`);
        return false;
      }
      this.state = "broken";
      this.logger.error(`outbox: compaction of ${this.logPath} failed after the rename: ${describeError(err)}; reopen the outbox`);
      return false;
    }
    try {
      const next = await open(this.logPath, fsConstants.O_RDWR);
      const old = this.file;
      this.file = next;
      this.fileBytes = size;
      await old.close().catch(() => undefined);
      return true;
    } catch (err) {
      this.state = "broken";
      this.logger.error(`outbox: cannot reopen ${this.logPath} after compaction: ${describeError(err)}; reopen the outbox`);
      return false;
    }
  }

  /** Whether the path no longer names the file this outbox appends to. */
  private async logFileIsReplaced(): Promise<boolean> {
    try {
      const [ours, onDisk] = await Promise.all([this.file.stat(), stat(this.logPath)]);
      return ours.ino !== onDisk.ino || ours.dev !== onDisk.dev;
    } catch {
      return true;
    }
  }

  private updateOverBound(): void {
    const over = this.queuedBytes > this.maxBytes;
    if (over && !this.overBound) {
      this.logger.warn(
        `outbox: ${this.queuedBytes} bytes queued, over the ${this.maxBytes}-byte bound; only job results and the newest snapshot are left, keeping them`,
      );
    }
    this.overBound = over;
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const run = this.tail.then(() => {
      this.assertOpen();
      return op();
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  private assertOpen(): void {
    if (this.state === "closed") throw new OutboxError("closed", "the outbox is closed");
    if (this.state === "broken") throw new OutboxError("broken", `the outbox at ${this.logPath} hit an I/O error; reopen it`);
  }
}

/** Index of the first entry with a seq above `seq` (entries are in seq order). */
function upperBound(entries: PendingEntry[], seq: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.record.seq <= seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Encodes lines lazily, in write-sized batches, so a rewrite never holds a second copy of it all. */
function* batchLines(entries: PendingEntry[]): Generator<Buffer> {
  let batch: Buffer[] = [];
  let batchBytes = 0;
  for (const { record } of entries) {
    const line = encodeRecord(record);
    batch.push(line);
    batchBytes += line.length;
    if (batchBytes >= REWRITE_BATCH_BYTES) {
      yield Buffer.concat(batch, batchBytes);
      batch = [];
      batchBytes = 0;
    }
  }
  if (batchBytes > 0) yield Buffer.concat(batch, batchBytes);
}

function assertCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new OutboxError("invalid-argument", `${name} must be a non-negative integer, got ${value}`);
}
