import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

export type DatabaseKind = "sqlite" | "postgres";

/** DATABASE_URL unset or file:… → SQLite; postgres:// or postgresql:// → PostgreSQL. */
export function databaseKind(url: string | undefined): DatabaseKind {
  return url && /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/**
 * The libsql URL of the SQLite file (./data/outpost.db under the repository by default),
 * creating its folder so a fresh checkout just works.
 */
export function sqliteFileUrl(url: string | undefined, defaultPath: string): string {
  if (url && !url.startsWith("file:")) throw new Error(`DATABASE_URL must start with file: or postgres://, got '${url.split(":")[0]}:…'`);
  const path = resolve(url ? url.slice("file:".length) : defaultPath);
  mkdirSync(dirname(path), { recursive: true });
  return `file:${path}`;
}
