import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";

/**
 * The libsql driver adapter for a centre that shares its SQLite file with the world (backups,
 * an operator's `sqlite3` shell). The file is switched to write-ahead logging when the first
 * connection opens; SQLite stores the mode in the file, so every later connection uses it too.
 *
 * Why: in the default rollback-journal mode, any reader of the file makes the centre's COMMIT
 * fail with SQLITE_BUSY, and libsql then keeps the failed statement (and with it a lock) alive
 * until garbage collection; Prisma does not roll back either. One `sqlite3` query against the
 * live file wedged every later write. With WAL, readers never block a commit and a commit never
 * waits for a reader; only another process's write lock can fail a write, and only while held.
 */
export function walSqliteAdapter(fileUrl: string): SqlDriverAdapterFactory {
  const inner = new PrismaLibSQL({ url: fileUrl });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      const mode = await adapter.queryRaw({ sql: "PRAGMA journal_mode = WAL", args: [], argTypes: [] });
      if (String(mode.rows[0]?.[0]).toLowerCase() !== "wal") {
        throw new Error(`cannot switch the SQLite file to write-ahead logging (journal mode stays '${String(mode.rows[0]?.[0])}')`);
      }
      return adapter;
    },
  };
}
