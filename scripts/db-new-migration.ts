/**
 * Authors a new migration for both providers from the current schema, by diffing the schema
 * against the committed migrations (`prisma migrate dev` does not work with the JS engine):
 *   npm run db:new-migration -- <name>
 * Needs DATABASE_URL of a scratch PostgreSQL for the PostgreSQL diff (scripts/postgres-server.sh).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, rmSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:new-migration -- <snake_case_name>");
const pgUrl = process.env.DATABASE_URL;
if (!pgUrl?.startsWith("postgres")) throw new Error("set DATABASE_URL to a scratch PostgreSQL server");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

function diff(config: string, migrations: string, schema: string, env: NodeJS.ProcessEnv): string {
  return execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--config", config, "--from-migrations", migrations, "--to-schema-datamodel", schema, "--script"],
    { env: { ...process.env, ...env }, encoding: "utf8" },
  );
}

execFileSync("npx", ["tsx", "scripts/prisma-postgres-schema.ts"], { stdio: "inherit" });
const scratch = mkdtempSync(join(tmpdir(), "outpost-migrate-"));
try {
  const targets = [
    { config: "prisma/sqlite.config.ts", dir: "prisma/sqlite-migrations", schema: "prisma/schema.prisma", env: { DATABASE_URL: `file:${scratch}/shadow.db` } },
    { config: "prisma/postgres.config.ts", dir: "prisma/postgres/migrations", schema: "prisma/postgres/schema.prisma", env: {} },
  ];
  for (const t of targets) {
    const sql = diff(t.config, t.dir, t.schema, t.env);
    mkdirSync(join(t.dir, `${stamp}_${name}`), { recursive: true });
    writeFileSync(join(t.dir, `${stamp}_${name}`, "migration.sql"), sql);
    console.log(`wrote ${t.dir}/${stamp}_${name}/migration.sql`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
