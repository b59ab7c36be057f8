import { PrismaLibSQL } from "@prisma/adapter-libsql";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import { log } from "../logging/log";

/**
 * The libsql driver adapter for the centre's SQLite file, with two changes:
 *
 * - Write-ahead logging, switched on when the first connection opens (SQLite stores the mode in
 *   the file). In the default rollback-journal mode any reader of the file (a backup, an
 *   operator's `sqlite3` shell) makes the centre's COMMIT fail with SQLITE_BUSY, and the failed
 *   transaction's connection kept its lock: one outside query wedged every later write.
 * - One connection for everything. @libsql/client opens a new connection for each interactive
 *   transaction and never closes it: two file descriptors and ~0.2 MiB per transaction, never
 *   reclaimed (measured: 3,000 transactions → 6,000 descriptors, +590 MiB). SQLite runs one
 *   write transaction at a time anyway, and the adapter already serialised every query behind a
 *   running transaction, so here queries and transactions take turns on the one connection: a
 *   transaction holds it from BEGIN to COMMIT or ROLLBACK. After a failed statement the
 *   connection is replaced (see `guarded`).
 */
export function sqliteAdapter(fileUrl: string): SqlDriverAdapterFactory {
  const inner = new PrismaLibSQL({ url: fileUrl });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      const mode = await adapter.queryRaw(statement("PRAGMA journal_mode = WAL"));
      if (String(mode.rows[0]?.[0]).toLowerCase() !== "wal") {
        throw new Error(`cannot switch the SQLite file to write-ahead logging (journal mode stays '${String(mode.rows[0]?.[0])}')`);
      }
      return new OneConnectionAdapter(adapter, () => inner.connect());
    },
  };
}

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

function leavesStatementActive(err: unknown): boolean {
  const cause = (err as { cause?: { originalCode?: unknown; originalMessage?: unknown } } | null)?.cause;
  const primary = Number(cause?.originalCode) & 0xff;
  return primary === SQLITE_BUSY || primary === SQLITE_LOCKED || /statements in progress/.test(String(cause?.originalMessage ?? ""));
}

/** A first-come, first-served lock; `acquire` resolves with the function that releases it. */
class TurnLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => {
      let released = false;
      return () => {
        if (released) return;
        released = true;
        release();
      };
    });
    this.tail = this.tail.then(() => turn);
    return ready;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}

class OneConnectionAdapter implements SqlDriverAdapter {
  readonly provider: SqlDriverAdapter["provider"];
  readonly adapterName: string;
  private readonly turns = new TurnLock();
  /** A statement failed on the connection: replace it once the current turn is over. */
  private poisoned = false;

  constructor(
    private connection: SqlDriverAdapter,
    private readonly reconnect: () => Promise<SqlDriverAdapter>,
  ) {
    this.provider = connection.provider;
    this.adapterName = connection.adapterName;
  }

  queryRaw(query: SqlQuery) {
    return this.turn(() => this.guarded((c) => c.queryRaw(query)));
  }

  executeRaw(query: SqlQuery) {
    return this.turn(() => this.guarded((c) => c.executeRaw(query)));
  }

  executeScript(script: string) {
    return this.turn(() => this.guarded((c) => c.executeScript(script)));
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new DriverAdapterError({ kind: "InvalidIsolationLevel", level: isolationLevel });
    const release = await this.turns.acquire();
    const finishTurn = async () => {
      await this.renewIfPoisoned();
      release();
    };
    try {
      await this.guarded((c) => c.executeRaw(statement("BEGIN DEFERRED")));
    } catch (err) {
      await finishTurn();
      throw err;
    }
    let ended = false;
    const end = async (sql: "COMMIT" | "ROLLBACK") => {
      if (ended) return;
      ended = true;
      try {
        await this.guarded((c) => c.executeRaw(statement(sql)));
      } catch (err) {
        // A failed COMMIT (SQLITE_BUSY) leaves the transaction open: roll it back, so nothing
        // of it survives on the connection.
        await this.connection.executeRaw(statement("ROLLBACK")).catch(() => undefined);
        if (sql === "COMMIT") throw err;
      } finally {
        await finishTurn();
      }
    };
    return {
      provider: this.provider,
      adapterName: this.adapterName,
      // Prisma sends no BEGIN/COMMIT of its own; it calls commit() and rollback().
      options: { usePhantomQuery: true },
      queryRaw: (query) => this.guarded((c) => c.queryRaw(query)),
      executeRaw: (query) => this.guarded((c) => c.executeRaw(query)),
      commit: () => end("COMMIT"),
      rollback: () => end("ROLLBACK"),
    };
  }

  getConnectionInfo() {
    return this.connection.getConnectionInfo?.() ?? { supportsRelationJoins: false };
  }

  dispose() {
    return this.connection.dispose();
  }

  private async turn<T>(work: () => Promise<T>): Promise<T> {
    return this.turns.run(async () => {
      try {
        return await work();
      } finally {
        await this.renewIfPoisoned();
      }
    });
  }

  /**
   * Runs one statement, noting a failure that spoils the connection. libsql leaves a statement
   * that stopped on SQLITE_BUSY or SQLITE_LOCKED active, and an active statement makes every
   * later COMMIT on that connection fail with "SQL statements in progress": such a connection is
   * replaced instead of being trusted again. (Constraint and syntax errors do not do this.)
   */
  private async guarded<T>(work: (connection: SqlDriverAdapter) => Promise<T>): Promise<T> {
    try {
      return await work(this.connection);
    } catch (err) {
      if (leavesStatementActive(err)) this.poisoned = true;
      throw err;
    }
  }

  private async renewIfPoisoned(): Promise<void> {
    if (!this.poisoned) return;
    const old = this.connection;
    try {
      this.connection = await this.reconnect();
      this.poisoned = false;
    } catch (err) {
      log.error({ err }, "cannot reopen the SQLite connection after a failed statement; keeping the old one");
      return;
    }
    await old.dispose().catch(() => undefined);
  }
}
