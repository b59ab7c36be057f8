import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient } from "../../../generated/prisma-sqlite";
import type * as PgClientModule from "../../../generated/prisma-postgres";
import type * as SqliteClientModule from "../../../generated/prisma-sqlite";
import { databaseKind, sqliteFileUrl, type DatabaseKind } from "./database-url";
import { sqliteAdapter } from "./sqlite-adapter";

/**
 * The database handle every service takes. Both generated clients come from one schema text
 * (see prisma/schema.prisma), so they have the same model API; the SQLite client's type names it.
 */
export type Db = PrismaClient;
/** The client handed to an interactive transaction's callback. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface OpenedDatabase {
  db: Db;
  kind: DatabaseKind;
  /** Human-readable location with no password, for the start-up log. */
  where: string;
  /** The folder beside the database for what does not belong in it (blobs, the secret key file). */
  dataDir: string;
}

// The generated clients are CommonJS; load them with require so ESM interop cannot bite.
const require = createRequire(import.meta.url);

export function openDatabase(url: string | undefined, defaultSqlitePath: string, dataDir?: string): OpenedDatabase {
  const kind = databaseKind(url);
  if (kind === "postgres") {
    const { PrismaClient: PgClient } = require("../../../generated/prisma-postgres") as typeof PgClientModule;
    const db = new PgClient({ adapter: new PrismaPg({ connectionString: url! }) }) as unknown as Db;
    return { db, kind, where: url!.replace(/\/\/[^@/]*@/, "//***@"), dataDir: ensureDir(dataDir ?? dirname(defaultSqlitePath)) };
  }
  const { PrismaClient: SqliteClient } = require("../../../generated/prisma-sqlite") as typeof SqliteClientModule;
  const fileUrl = sqliteFileUrl(url, defaultSqlitePath);
  const db = new SqliteClient({ adapter: sqliteAdapter(fileUrl) });
  return { db, kind, where: fileUrl, dataDir: ensureDir(dataDir ?? dirname(fileUrl.slice("file:".length))) };
}

function ensureDir(dir: string): string {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  return abs;
}
