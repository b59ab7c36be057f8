/**
 * Authors a new migration for both providers by diffing the schema as last committed (git HEAD)
 * against the working copy (`prisma migrate dev` does not work with the JS engine):
 *   DATABASE_URL=postgresql://… npm run db:new-migration -- <name>
 * The PostgreSQL diff needs a reachable scratch server (scripts/postgres-server.sh start DIR PORT).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toPostgresSchema } from "./prisma-postgres-schema.ts";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:new-migration -- <snake_case_name>");
const pgUrl = process.env.DATABASE_URL;
if (!pgUrl?.startsWith("postgres")) throw new Error("set DATABASE_URL to a scratch PostgreSQL server");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

const current = readFileSync("prisma/schema.prisma", "utf8");
const previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" });
const scratch = mkdtempSync(join(tmpdir(), "outpost-migrate-"));
try {
  const targets = [
    { config: "prisma/sqlite.config.ts", dir: "prisma/sqlite-migrations", from: previous, to: current, env: { DATABASE_URL: `file:${scratch}/scratch.db` } },
    { config: "prisma/postgres.config.ts", dir: "prisma/postgres/migrations", from: toPostgresSchema(previous), to: toPostgresSchema(current), env: {} },
  ];
  for (const [i, t] of targets.entries()) {
    writeFileSync(join(scratch, `from-${i}.prisma`), t.from);
    writeFileSync(join(scratch, `to-${i}.prisma`), t.to);
    const sql = execFileSync(
      "npx",
      ["prisma", "migrate", "diff", "--config", t.config, "--from-schema-datamodel", join(scratch, `from-${i}.prisma`), "--to-schema-datamodel", join(scratch, `to-${i}.prisma`), "--script"],
      { env: { ...process.env, ...t.env }, encoding: "utf8" },
    );
    mkdirSync(join(t.dir, `${stamp}_${name}`), { recursive: true });
    writeFileSync(join(t.dir, `${stamp}_${name}`, "migration.sql"), sql);
    console.log(`wrote ${t.dir}/${stamp}_${name}/migration.sql`);
    if (/PRAGMA foreign_keys=OFF/.test(sql)) {
      console.warn("  ! the SQLite diff redefines tables; rewrite it as ALTER TABLE statements (apply-migrations refuses redefinitions)");
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
