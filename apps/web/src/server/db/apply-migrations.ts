import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "./open-database";
import type { DatabaseKind } from "./database-url";

/**
 * Applies the committed migrations of prisma/<provider> that the database lacks, recording them
 * in Prisma's own `_prisma_migrations` table so `prisma migrate status` agrees.
 *
 * Why not `prisma migrate deploy`: with the JS schema engine and @prisma/adapter-pg it fails on
 * PostgreSQL ("Column type 'name' could not be deserialized from the database", prisma/prisma
 * issue 27403), and spawning the CLI costs seconds of start-up. Migrations are written by
 * `prisma migrate diff` (npm run db:new-migration): plain statements ending in ';' on their line.
 */
export async function applyMigrations(db: Db, kind: DatabaseKind, prismaDir: string): Promise<string[]> {
  const dir = join(prismaDir, kind === "postgres" ? "postgres/migrations" : "sqlite-migrations");
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();

  await db.$executeRawUnsafe(
    kind === "postgres"
      ? `CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ, "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ, "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`
      : `CREATE TABLE IF NOT EXISTS "_prisma_migrations" ("id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  );
  const rows = await db.$queryRawUnsafe<{ migration_name: string; finished_at: unknown }[]>(
    `SELECT migration_name, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const failed = rows.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  if (failed.length > 0) throw new Error(`migration(s) ${failed.join(", ")} started but never finished: repair the database by hand`);
  const applied = new Set(rows.map((r) => r.migration_name));

  const newlyApplied: string[] = [];
  for (const name of names) {
    if (applied.has(name)) continue;
    const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
    const statements = splitStatements(sql);
    if (kind === "sqlite" && statements.some((st) => /^PRAGMA\s+foreign_keys\s*=\s*OFF/i.test(st))) {
      // Inside a transaction the pragma is ignored, so a table redefinition would cascade-delete rows.
      throw new Error(`migration ${name} redefines tables (PRAGMA foreign_keys=OFF); rewrite it as ALTER TABLE statements`);
    }
    const checksum = createHash("sha256").update(sql).digest("hex");
    const now = new Date();
    // One transaction per migration: a crash half-way leaves the database as it was.
    await db.$transaction(async (tx) => {
      for (const statement of statements) await tx.$executeRawUnsafe(statement);
      await tx.$executeRawUnsafe(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, $4, $5, $6)`,
        randomUUID(), checksum, now, name, now, statements.length,
      );
    });
    newlyApplied.push(name);
  }
  return newlyApplied;
}

/** Splits a migration into statements at lines ending in ';', dropping comments. */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  for (const line of sql.split("\n")) {
    if (line.trim().startsWith("--") || (current.length === 0 && line.trim() === "")) continue;
    current.push(line);
    if (line.trimEnd().endsWith(";")) {
      statements.push(current.join("\n").trim().replace(/;$/, ""));
      current = [];
    }
  }
  if (current.join("").trim() !== "") statements.push(current.join("\n").trim());
  return statements;
}
