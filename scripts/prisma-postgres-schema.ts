/**
 * Writes prisma/postgres/schema.prisma from the SQLite source of truth, so the two providers
 * never drift: only the datasource provider and the generated client's location differ.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The PostgreSQL schema text for a given SQLite schema text. */
export function toPostgresSchema(source: string): string {
  const pg = source
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('url      = "file:../data/outpost.db"', 'url      = "postgresql://localhost/outpost" // unused: the driver adapter connects')
    .replace('output     = "../apps/web/generated/prisma-sqlite"', 'output     = "../../apps/web/generated/prisma-postgres"')
    .replace(/^\/\/ Outpost data model\..*?\n\n/s, "// GENERATED from prisma/schema.prisma by scripts/prisma-postgres-schema.ts: do not edit.\n\n");
  if (!pg.includes('"postgresql"') || !pg.includes("prisma-postgres")) {
    throw new Error("prisma-postgres-schema: the SQLite schema no longer has the expected datasource/generator lines");
  }
  return pg;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(join(root, "prisma/postgres"), { recursive: true });
  writeFileSync(join(root, "prisma/postgres/schema.prisma"), toPostgresSchema(readFileSync(join(root, "prisma/schema.prisma"), "utf8")));
}
