/**
 * Where the centre's database lives. DATABASE_URL unset (or file:/sqlite) → an SQLite file,
 * ./data/outpost.db by default; postgres:// or postgresql:// → PostgreSQL.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url = process.env.DATABASE_URL): DatabaseKind {
  return url && /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** The libsql URL of the SQLite file, creating its folder so a fresh checkout just works. */
export function sqliteUrl(url = process.env.DATABASE_URL): string {
  const path = url && url.startsWith("file:") ? url.slice("file:".length) : resolve(process.cwd(), "data/outpost.db");
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  return `file:${absolute}`;
}
