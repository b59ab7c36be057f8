import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";

export interface TestDatabase {
  url: string;
  kind: "sqlite" | "postgres";
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one centre: a new SQLite file, or — when OUTPOST_TEST_POSTGRES_URL
 * points at a server (scripts/test.sh starts one) — a new database on that PostgreSQL server.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.OUTPOST_TEST_POSTGRES_URL;
  if (server) {
    const name = `outpost_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: "postgres",
      async drop() {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "outpost-db-"));
  return { url: `file:${join(dir, "outpost.db")}`, kind: "sqlite", drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
