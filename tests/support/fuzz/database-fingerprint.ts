import { createHash } from "node:crypto";
import type { CentreDb } from "../centre-db";

/**
 * Columns that change on their own while the centre runs (presence, last use, status history):
 * they are not part of "the database changed".
 */
const VOLATILE: Record<string, string[]> = {
  Cluster: ["status", "lastSeenAt", "offlineSince", "queuedAtDevice", "linkRttMs", "statusSince", "problemRank"],
  AgentCredential: ["lastUsedAt"],
  ApiToken: ["lastUsedAt"],
  Session: ["lastUsedAt", "lastSeenAt"],
};
const SKIPPED_TABLES = new Set(["ClusterStatusEvent", "_prisma_migrations"]);

/** The tables of the centre's database (SQLite or PostgreSQL). */
export async function listTables(db: CentreDb, kind: "sqlite" | "postgres"): Promise<string[]> {
  const rows =
    kind === "sqlite"
      ? await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      : await db.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  return rows.map((r) => String(r.name)).filter((t) => !SKIPPED_TABLES.has(t)).sort();
}

/** A hash of every row of every table (volatile columns left out): equal fingerprints, same data. */
export async function databaseFingerprint(db: CentreDb, tables: string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const table of tables) {
    const skip = new Set(VOLATILE[table] ?? []);
    const rows = await db.query(`SELECT * FROM "${table}"`);
    const lines = rows.map((row) => JSON.stringify(Object.keys(row).sort().filter((k) => !skip.has(k)).map((k) => [k, String(row[k])])));
    hash.update(`${table}:${lines.sort().join("\n")}\n`);
  }
  return hash.digest("hex");
}
