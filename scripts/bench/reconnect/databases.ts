/**
 * The centre's database for each part: SQLite (the default deployment) or PostgreSQL — the one
 * named by OUTPOST_TEST_POSTGRES_URL, or a throw-away server started here with
 * scripts/postgres-server.sh (as scripts/test.sh does: fsync off, trust auth, loopback only).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "../../../tests/support/free-port";
import { REPO_DIR } from "../../../tests/support/paths";
import { createTestDatabase, type TestDatabase } from "../../../tests/support/test-database";

const run = promisify(execFile);
const SCRIPT = join(REPO_DIR, "scripts/postgres-server.sh");

export type DatabaseChoice = "sqlite" | "postgres";

export interface BenchDatabases {
  /** A fresh database of that kind; postgres falls back to sqlite (with `note` saying so) when PostgreSQL is not installed. */
  create(kind: DatabaseChoice): Promise<TestDatabase & { note: string }>;
  stop(): Promise<void>;
}

export function benchDatabases(): BenchDatabases {
  let server: Promise<{ url: string; dir: string | null } | null> | null = null;
  const postgresServer = () =>
    (server ??= (async () => {
      const given = process.env.OUTPOST_TEST_POSTGRES_URL;
      if (given) return { url: given, dir: null };
      let installed = false;
      try {
        installed = readdirSync("/usr/lib/postgresql").length > 0;
      } catch {
        installed = false;
      }
      if (!installed) return null;
      const dir = mkdtempSync(join(tmpdir(), "outpost-bench-pg-"));
      const { stdout } = await run("bash", [SCRIPT, "start", dir, String(await freePort())], { timeout: 60_000 });
      return { url: stdout.trim(), dir };
    })());

  return {
    async create(kind) {
      const saved = process.env.OUTPOST_TEST_POSTGRES_URL;
      const pg = kind === "postgres" ? await postgresServer() : null;
      // createTestDatabase picks the server from this variable.
      if (pg) process.env.OUTPOST_TEST_POSTGRES_URL = pg.url;
      else delete process.env.OUTPOST_TEST_POSTGRES_URL;
      try {
        const db = await createTestDatabase();
        const note =
          db.kind === "sqlite"
            ? `SQLite${kind === "postgres" ? " (PostgreSQL is not installed, so not the asked-for PostgreSQL)" : ""}`
            : pg?.dir
              ? "PostgreSQL (throw-away local server, fsync off, as in scripts/test.sh)"
              : "PostgreSQL (OUTPOST_TEST_POSTGRES_URL)";
        return Object.assign(db, { note });
      } finally {
        if (saved === undefined) delete process.env.OUTPOST_TEST_POSTGRES_URL;
        else process.env.OUTPOST_TEST_POSTGRES_URL = saved;
      }
    },
    async stop() {
      const pg = await server?.catch(() => null);
      if (!pg?.dir) return;
      await run("bash", [SCRIPT, "stop", pg.dir], { timeout: 60_000 }).catch(() => undefined);
      rmSync(pg.dir, { recursive: true, force: true });
    },
  };
}
