import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../support/api-client";
import { ADMIN_PASSWORD, startCentre, type Centre } from "../support/centre";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/**
 * Another process holding the SQLite file (an operator's `sqlite3` shell, a backup) must never
 * wedge the centre: readers do not block it at all, and a writer's lock only fails the writes
 * made while it is held, with a clear error.
 */

/** A real `sqlite3` shell on the file that has run `sql` and keeps its transaction open. */
async function holdLock(file: string, sql: string): Promise<{ release(): Promise<void> }> {
  const shell: ChildProcessWithoutNullStreams = spawn("sqlite3", ["-batch", file]);
  let out = "";
  shell.stdout.on("data", (d: Buffer) => (out += d.toString()));
  shell.stderr.on("data", (d: Buffer) => (out += d.toString()));
  shell.stdin.write(`${sql}\nSELECT 'lock-held';\n`);
  const deadline = Date.now() + 5000;
  while (!out.includes("lock-held")) {
    if (Date.now() > deadline || shell.exitCode !== null) throw new Error(`sqlite3 did not take its lock: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    async release() {
      const exited = new Promise((r) => shell.once("exit", r));
      shell.stdin.end("ROLLBACK;\n");
      await exited;
    },
  };
}

const sqliteOnly = !process.env.OUTPOST_TEST_POSTGRES_URL;

describe.runIf(sqliteOnly)("SQLite centre shared with other processes", () => {
  let db: TestDatabase;
  let centre: Centre;
  let admin: ApiClient;
  let file: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    file = db.url.slice("file:".length);
    centre = await startCentre({ databaseUrl: db.url });
    admin = await ApiClient.signIn(centre.url, "admin", ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await centre?.stop();
    await db?.drop();
  });

  const siteNames = async () => (await admin.ok<{ name: string }[]>("GET", "/api/v1/sites")).map((s) => s.name);

  it("keeps the file in write-ahead-log mode", () => {
    const mode = spawnSync("sqlite3", [file, "PRAGMA journal_mode;"], { encoding: "utf8" });
    expect(mode.stdout.trim()).toBe("wal");
  });

  it("goes on writing while another process holds a read transaction", async () => {
    const reader = await holdLock(file, "BEGIN; SELECT count(*) FROM Site;");
    try {
      const res = await admin.call("POST", "/api/v1/sites", { name: "written-under-a-reader" });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    } finally {
      await reader.release();
    }
    expect(await siteNames()).toContain("written-under-a-reader");
  });

  it("answers 503 while another process holds the write lock, changes nothing, and recovers at once", async () => {
    const writer = await holdLock(file, "BEGIN IMMEDIATE;");
    try {
      const res = await admin.call("POST", "/api/v1/sites", { name: "written-under-a-writer" });
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.body).toMatchObject({ error: { code: "DATABASE_BUSY", message: expect.stringMatching(/locked by another process/) } });
    } finally {
      await writer.release();
    }
    const after = await admin.call("POST", "/api/v1/sites", { name: "written-after-the-writer" });
    expect(after.status, JSON.stringify(after.body)).toBe(201);
    const names = await siteNames();
    expect(names).toContain("written-after-the-writer");
    expect(names).not.toContain("written-under-a-writer");
  });

  it("reads what other processes wrote (no stale snapshot is left behind by a failed write)", async () => {
    const outside = spawnSync("sqlite3", [file, `UPDATE Site SET location = 'changed outside' WHERE name = 'written-after-the-writer';`], { encoding: "utf8" });
    expect(outside.status, outside.stderr).toBe(0);
    const sites = await admin.ok<{ name: string; location: string }[]>("GET", "/api/v1/sites");
    expect(sites.find((s) => s.name === "written-after-the-writer")?.location).toBe("changed outside");
  });

  it("keeps one connection to the file however many transactions run", async () => {
    // Every user update runs in an interactive transaction (users/user-service.ts).
    const user = await admin.ok<{ id: string }>("POST", "/api/v1/users", { username: "toggled", password: "toggled-password-1", role: "viewer" });
    const openFiles = () => readdirSync(`/proc/${centre.process.child.pid}/fd`).length;
    const before = openFiles();
    for (let i = 0; i < 40; i++) {
      const res = await admin.call("PATCH", `/api/v1/users/${user.id}`, { role: i % 2 ? "viewer" : "operator" });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    expect(openFiles()).toBeLessThanOrEqual(before + 5);
  });
});
