import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ZOutboxRecord, type OutboxRecord } from "@outpost/cluster-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSeededRandom } from "../drivers/seeded-random";
import { Outbox, OUTBOX_LOG_FILE } from "./outbox";
import { decodeRecord } from "./record-codec";
import { jobInput } from "./records.fixture";

// Kills a child that appends in a tight loop with SIGKILL at random moments and checks that
// every seq it reported as durable survives exactly once, in order, and that numbering goes on.

const FIXTURE = fileURLToPath(new URL("./crash-writer.fixture.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("../../../../", import.meta.url));
const ROUNDS = 6;
const STARTUP_TIMEOUT_MS = 30_000;

interface ChildReport {
  readyHighestSeq: number;
  appended: { seq: number; kind: string }[];
  acked: number[];
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "outpost-outbox-crash-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the writer, SIGKILLs it `killAfterMs` after it has opened the outbox, parses what it printed. */
function runUntilKilled(mode: "jobs" | "mixed", killAfterMs: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", FIXTURE, dir, mode], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killTimer: NodeJS.Timeout | undefined;
    const startupTimer = setTimeout(() => child.kill("SIGKILL"), STARTUP_TIMEOUT_MS);
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (killTimer === undefined && stdout.includes("\n")) {
        clearTimeout(startupTimer);
        killTimer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(startupTimer);
      clearTimeout(killTimer);
      if (signal !== "SIGKILL" || killTimer === undefined) {
        reject(new Error(`crash writer ended with code ${code}, signal ${signal} before/without the planned kill:\n${stderr}`));
        return;
      }
      // Only complete lines count: the kill may cut the last one short.
      const lines = stdout.split("\n").slice(0, -1);
      const [ready, ...rest] = lines;
      const report: ChildReport = { readyHighestSeq: Number(/^ready (\d+)$/.exec(ready ?? "")?.[1] ?? NaN), appended: [], acked: [] };
      for (const line of rest) {
        const [tag, seq, kind] = line.split(" ");
        if (tag === "A") report.appended.push({ seq: Number(seq), kind: kind! });
        else if (tag === "K") report.acked.push(Number(seq));
        else throw new Error(`unexpected line from the crash writer: ${line}`);
      }
      resolve(report);
    });
  });
}

/** Reopens the outbox in this process, checks what every mode must hold, and returns it open. */
async function reopenAndCheck(previousHighest: number): Promise<{ outbox: Outbox; pending: OutboxRecord[] }> {
  const outbox = await Outbox.open(dir, { logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  const pending = outbox.pending(1_000_000);
  const stats = outbox.stats();
  for (const record of pending) expect(ZOutboxRecord.safeParse(record).success).toBe(true);
  for (let i = 1; i < pending.length; i++) expect(pending[i]!.seq).toBeGreaterThan(pending[i - 1]!.seq);
  if (pending.length > 0) expect(pending[0]!.seq).toBeGreaterThan(stats.ackedSeq);
  expect(stats.highestSeq).toBeGreaterThanOrEqual(previousHighest);
  // Recovery left a file of intact lines only, and no temporary files.
  const lines = (await readFile(join(dir, OUTBOX_LOG_FILE), "utf8")).split("\n");
  expect(lines.pop()).toBe("");
  for (const line of lines) expect(decodeRecord(Buffer.from(line))).not.toBeNull();
  expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  return { outbox, pending };
}

/** The numbering goes on above everything seen so far; returns the new seq. */
async function appendOneMore(outbox: Outbox, above: number): Promise<number> {
  const { highestSeq } = outbox.stats();
  const seq = await outbox.append(jobInput("job-from-test", new Date().toISOString()));
  expect(seq).toBe(highestSeq + 1);
  expect(seq).toBeGreaterThan(above);
  await outbox.close();
  return seq;
}

describe("Outbox under SIGKILL", () => {
  it("keeps every durable job result exactly once and in order, with acks and compactions racing the kill", async () => {
    const random = createSeededRandom("outbox-crash-jobs");
    const durable = new Set<number>();
    let highest = 0;
    let ackedAtLeast = 0;
    let childAppends = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const report = await runUntilKilled("jobs", 50 + Math.floor(random() * 250));
      expect(report.readyHighestSeq).toBeGreaterThanOrEqual(highest);
      for (const { seq } of report.appended) {
        expect(seq).toBeGreaterThan(highest);
        highest = seq;
        durable.add(seq);
      }
      ackedAtLeast = Math.max(ackedAtLeast, ...report.acked);
      childAppends += report.appended.length;

      const { outbox, pending } = await reopenAndCheck(highest);
      const { ackedSeq } = outbox.stats();
      expect(ackedSeq).toBeGreaterThanOrEqual(ackedAtLeast);
      const pendingSeqs = new Set(pending.map((r) => r.seq));
      for (const seq of durable) if (seq > ackedSeq) expect(pendingSeqs.has(seq), `seq ${seq} was reported durable`).toBe(true);
      expect(pending.every((r) => r.kind === "job-result")).toBe(true);
      highest = await appendOneMore(outbox, highest);
      durable.add(highest);
    }
    // The kills must have landed while work was going on, or this test proves nothing.
    expect(childAppends).toBeGreaterThanOrEqual(ROUNDS);
  }, 180_000);

  it("keeps job results, the newest snapshot and a correct gap count when trims race the kill", async () => {
    const random = createSeededRandom("outbox-crash-mixed");
    const jobs = new Set<number>();
    let newestSnapshot = 0;
    let changes = 0;
    let highest = 0;
    let childAppends = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const report = await runUntilKilled("mixed", 50 + Math.floor(random() * 250));
      childAppends += report.appended.length;
      for (const { seq, kind } of report.appended) {
        expect(seq).toBeGreaterThan(highest);
        highest = seq;
        if (kind === "job-result") jobs.add(seq);
        if (kind === "snapshot") newestSnapshot = seq;
        if (kind === "change") changes++;
      }

      const { outbox, pending } = await reopenAndCheck(highest);
      const pendingSeqs = new Set(pending.map((r) => r.seq));
      for (const seq of jobs) expect(pendingSeqs.has(seq), `job result ${seq} was reported durable`).toBe(true);
      const snapshots = pending.filter((r) => r.kind === "snapshot");
      if (newestSnapshot > 0) {
        expect(snapshots).toHaveLength(1);
        expect(snapshots[0]!.seq).toBeGreaterThanOrEqual(newestSnapshot);
      }
      expect(pending.filter((r) => r.kind === "gap").length).toBeLessThanOrEqual(1);
      // Each change is either still queued or counted in the gap; per round at most one more
      // change can be on disk than the child reported (the append the kill interrupted).
      const accounted = pending.filter((r) => r.kind === "change").length + outbox.stats().droppedChanges;
      expect(accounted).toBeGreaterThanOrEqual(changes);
      expect(accounted).toBeLessThanOrEqual(changes + 1);
      changes = accounted;
      highest = await appendOneMore(outbox, highest);
      jobs.add(highest);
    }
    expect(childAppends).toBeGreaterThanOrEqual(ROUNDS);
  }, 180_000);
});
