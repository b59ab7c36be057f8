// The generic job runner against a real database (SQLite file, or PostgreSQL with
// OUTPOST_TEST_POSTGRES_URL): steps in order with stored status, timestamps and logs; retry from
// the failed step; cancel; a runner that goes silent leaves its jobs "interrupted", and a graceful
// stop does too; both resume. Provisioning (tests/devices) runs real steps on the same runner.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { JobLogEvent, JobView } from "@outpost/cluster-core";
import { applyMigrations } from "../../apps/web/src/server/db/apply-migrations";
import { openDatabase, type Db } from "../../apps/web/src/server/db/open-database";
import { getJobDetail } from "../../apps/web/src/server/jobs/get-job-detail";
import { StepError, type JobKind } from "../../apps/web/src/server/jobs/job-kind";
import { createJobRunner, type JobRunner } from "../../apps/web/src/server/jobs/job-runner";
import { eventually } from "../support/eventually";
import { REPO_DIR } from "../support/paths";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { join } from "node:path";

const ACTOR = { id: null, username: "test" } as const;

/** Steps the test drives: "check" logs, "change" fails while `failures` > 0, "wait" blocks until released. */
function testKind(control: { failures: number; gate: Promise<void> | null }): JobKind<{ device: string }> {
  return {
    kind: "test-steps",
    params: z.object({ device: z.string() }),
    steps: [
      { name: "check", title: "Check", run: async (ctx) => ctx.log(`checking ${ctx.params.device}`) },
      {
        name: "change",
        title: "Change",
        run: async (ctx) => {
          ctx.state.changedOn = ctx.params.device;
          if (control.failures > 0) {
            control.failures--;
            throw new StepError("the device refused the change");
          }
          ctx.log("changed");
        },
      },
      {
        name: "wait",
        title: "Wait",
        run: async (ctx) => {
          ctx.progress(0.5, "halfway");
          const gate = control.gate;
          if (!gate) return;
          await new Promise<void>((resolve, reject) => {
            void gate.then(resolve);
            ctx.signal.addEventListener("abort", () => reject(new Error("aborted")));
          });
        },
      },
    ],
  };
}

describe("job runner", () => {
  let tdb: TestDatabase;
  let db: Db;
  const updates: JobView[] = [];
  const logs: JobLogEvent[] = [];
  const events = { jobUpdated: (v: JobView) => updates.push(v), jobLog: (e: JobLogEvent) => logs.push(e) };
  const runners: JobRunner[] = [];
  /** A started runner (heartbeat on), or a silent one that runs jobs but never says so. */
  const newRunner = async (control: { failures: number; gate: Promise<void> | null }, opts: { silent?: boolean } = {}) => {
    const r = createJobRunner(db, events, { heartbeatMs: 200, staleAfterMs: 1500 });
    r.register(testKind(control));
    runners.push(r);
    if (!opts.silent) await r.start();
    return r;
  };
  const job = (id: string) => getJobDetail(db, id);

  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = openDatabase(tdb.url, "").db;
    await applyMigrations(db, tdb.kind, join(REPO_DIR, "prisma"));
  });
  // Each test's runners stop with it: a runner left beating from an earlier test is another
  // replica that may claim this test's retried job first, and then this test's settled() has
  // nothing to wait for (seen on PostgreSQL: the job still "running" after settled()).
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop();
  });
  afterAll(async () => {
    for (const r of runners) await r.stop();
    await db?.$disconnect();
    await tdb?.drop();
  });

  it("runs steps in order and keeps status, timestamps, state and numbered log lines", async () => {
    const runner = await newRunner({ failures: 0, gate: null });
    const created = await runner.create({ kind: "test-steps", title: "Provision a", targetType: "device", targetId: "dev-a", params: { device: "a" }, actor: ACTOR });
    await runner.settled(created.id);
    const done = await job(created.id);
    expect(done.status).toBe("succeeded");
    expect(done.steps.map((s) => [s.name, s.status, s.attempts])).toEqual([["check", "succeeded", 1], ["change", "succeeded", 1], ["wait", "succeeded", 1]]);
    for (const s of done.steps) expect(Date.parse(s.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(s.startedAt!));
    expect(done.logs.map((l) => l.message)).toEqual(["Check", "checking a", "Change", "changed", "Wait", "done"]);
    expect(done.logs.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(JSON.parse((await db.job.findUniqueOrThrow({ where: { id: created.id } })).state)).toEqual({ changedOn: "a" });
    expect(updates.some((u) => u.id === created.id && u.steps[2]?.status === "running")).toBe(true);
    expect(logs.filter((e) => e.jobId === created.id).flatMap((e) => e.lines.map((l) => l.message))).toContain("checking a");
  });

  it("stops at a failed step with its error, and a retry runs from that step on", async () => {
    const runner = await newRunner({ failures: 1, gate: null });
    const created = await runner.create({ kind: "test-steps", title: "Provision b", targetType: "device", params: { device: "b" }, actor: ACTOR });
    await runner.settled(created.id);
    const failed = await job(created.id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toBe("Change: the device refused the change");
    expect(failed.steps.map((s) => s.status)).toEqual(["succeeded", "failed", "pending"]);
    expect(failed.steps[1]!.error).toBe("the device refused the change");
    expect(failed.logs.at(-1)).toMatchObject({ level: "error", step: 2, message: "the device refused the change" });

    await expect(runner.cancel(created.id, ACTOR)).rejects.toThrow(/only queued or running/);
    await runner.retry(created.id, ACTOR);
    await runner.settled(created.id);
    const retried = await job(created.id);
    expect(retried.status).toBe("succeeded");
    expect(retried.steps.map((s) => s.attempts)).toEqual([1, 2, 1]);
    expect(retried.logs.map((l) => l.message)).toContain("Change (attempt 2)");
    await expect(runner.retry(created.id, ACTOR)).rejects.toThrow(/only failed, cancelled or interrupted/);
  });

  it("cancels a running step, and a retry finishes the job", async () => {
    let release!: () => void;
    const control = { failures: 0, gate: new Promise<void>((r) => (release = r)) as Promise<void> | null };
    const runner = await newRunner(control);
    const created = await runner.create({ kind: "test-steps", title: "Provision c", targetType: "device", params: { device: "c" }, actor: ACTOR });
    await eventually(() => job(created.id), (j) => j.steps[2]?.status === "running", "wait step running");
    await runner.cancel(created.id, ACTOR);
    await runner.settled(created.id);
    const cancelled = await job(created.id);
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "cancelled"]);
    control.gate = null;
    release();
    await runner.retry(created.id, ACTOR);
    await runner.settled(created.id);
    expect((await job(created.id)).status).toBe("succeeded");
  });

  it("marks the job of a runner that went silent as interrupted, and it resumes elsewhere", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Never started: this runner runs the job but never beats, like a centre that froze or died.
    const silent = await newRunner({ failures: 0, gate }, { silent: true });
    const created = await silent.create({ kind: "test-steps", title: "Provision d", targetType: "device", params: { device: "d" }, actor: ACTOR });
    await eventually(() => job(created.id), (j) => j.steps[2]?.status === "running", "wait step running");

    const survivor = await newRunner({ failures: 0, gate: null });
    const interrupted = await eventually(() => job(created.id), (j) => j.status === "interrupted", "job interrupted", 10_000);
    expect(interrupted.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "interrupted"]);
    expect(interrupted.steps[2]!.error).toMatch(/^the centre stopped while this step ran/);
    expect(interrupted.logs.at(-1)).toMatchObject({ level: "warn", step: 3 });

    // The silent runner wakes up: it must not overwrite what happened meanwhile.
    release();
    await silent.settled(created.id);
    expect((await job(created.id)).status).toBe("interrupted");

    await survivor.retry(created.id, ACTOR);
    await survivor.settled(created.id);
    const resumed = await job(created.id);
    expect(resumed.status).toBe("succeeded");
    expect(resumed.steps.map((s) => s.attempts)).toEqual([1, 1, 2]);
  });

  it("leaves running jobs interrupted and resumable when the centre shuts down", async () => {
    const runner = await newRunner({ failures: 0, gate: new Promise<void>(() => undefined) });
    const created = await runner.create({ kind: "test-steps", title: "Provision e", targetType: "device", params: { device: "e" }, actor: ACTOR });
    await eventually(() => job(created.id), (j) => j.steps[2]?.status === "running", "wait step running");
    await runner.stop();
    const stopped = await job(created.id);
    expect(stopped.status).toBe("interrupted");
    expect(stopped.steps[2]).toMatchObject({ status: "interrupted", error: "the centre shut down while this step ran; resume the job to continue" });

    const next = await newRunner({ failures: 0, gate: null });
    await next.retry(created.id, ACTOR);
    await next.settled(created.id);
    expect((await job(created.id)).status).toBe("succeeded");
  });
});
