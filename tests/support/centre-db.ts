import { createClient, type Client } from "@libsql/client";
import pg from "pg";

/** One row of the centre's ClusterChange table (the change log delivered through the outbox). */
export interface StoredChange {
  seq: number;
  type: string;
  kind: string;
  namespace: string;
  name: string;
  resourceVersion: string;
  summary: string;
  observedAt: Date;
  receivedAt: Date;
}

export interface StoredCluster {
  status: string;
  outboxAckedSeq: number;
  queuedAtDevice: number | null;
  offlineSince: Date | null;
  lastSeenAt: Date | null;
}

/**
 * Reads the centre's database directly, for checks the API cannot make (it shows only the newest
 * 50 changes of a cluster). Read-only; works on the SQLite file or the PostgreSQL database of a
 * TestDatabase while the centre runs (or after it was killed).
 */
export interface CentreDb {
  /** Every stored change of the cluster, by seq. */
  changes(clusterId: string): Promise<StoredChange[]>;
  cluster(clusterId: string): Promise<StoredCluster>;
  /**
   * Changes of the cluster stored more than once under different seqs (same type, object and
   * resourceVersion), as counted by the database. (Two rows with one seq cannot exist: a unique
   * index forbids them, so counting those would prove nothing.)
   */
  duplicateChanges(clusterId: string): Promise<{ type: string; kind: string; namespace: string; name: string; resourceVersion: string; times: number }[]>;
  /** Any read-only query, for diagnostics (placeholders: `?` for SQLite, `$1…` for PostgreSQL). */
  query(sql: string, args?: (string | number)[]): Promise<Record<string, unknown>[]>;
  /** Writes rows the API cannot make (e.g. backdated ones for retention); same placeholders as query. */
  plant(sql: string, args?: (string | number)[]): Promise<void>;
  close(): Promise<void>;
}

const CHANGE_COLUMNS = `"seq", "type", "kind", "namespace", "name", "resourceVersion", "summary", "observedAt", "receivedAt"`;
const DUPLICATES_SQL = (param: string) =>
  `SELECT "type", "kind", "namespace", "name", "resourceVersion", COUNT(*) AS "times" FROM "ClusterChange" WHERE "clusterId" = ${param} ` +
  `GROUP BY "type", "kind", "namespace", "name", "resourceVersion" HAVING COUNT(*) > 1`;
const CLUSTER_COLUMNS = `"status", "outboxAckedSeq", "queuedAtDevice", "offlineSince", "lastSeenAt"`;

export async function openCentreDb(url: string): Promise<CentreDb> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  if (!url.startsWith("file:")) throw new Error(`not a database URL of a TestDatabase: ${url}`);
  const client = createClient({ url });
  // The centre writes while we read: wait for its locks instead of failing with SQLITE_BUSY.
  await client.execute("PRAGMA busy_timeout = 10000");
  return sqliteReader(client);
}

function sqliteReader(client: Client): CentreDb {
  return {
    async changes(clusterId) {
      const rs = await client.execute({ sql: `SELECT ${CHANGE_COLUMNS} FROM "ClusterChange" WHERE "clusterId" = ? ORDER BY "seq"`, args: [clusterId] });
      return rs.rows.map((r) => toChange(r as unknown as Record<string, unknown>));
    },
    async cluster(clusterId) {
      const rs = await client.execute({ sql: `SELECT ${CLUSTER_COLUMNS} FROM "Cluster" WHERE "id" = ?`, args: [clusterId] });
      const row = rs.rows[0];
      if (!row) throw new Error(`no cluster ${clusterId} in the centre's database`);
      return toCluster(row as unknown as Record<string, unknown>);
    },
    async duplicateChanges(clusterId) {
      const rs = await client.execute({ sql: DUPLICATES_SQL("?"), args: [clusterId] });
      return rs.rows.map((r) => toDuplicate(r as unknown as Record<string, unknown>));
    },
    async query(sql, args = []) {
      const rs = await client.execute({ sql, args });
      return rs.rows.map((r) => Object.fromEntries(rs.columns.map((c, i) => [c, (r as unknown as unknown[])[i]])));
    },
    async plant(sql, args = []) {
      await client.execute({ sql, args });
    },
    async close() {
      client.close();
    },
  };
}

async function openPostgres(url: string): Promise<CentreDb> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    async changes(clusterId) {
      const rs = await client.query(`SELECT ${CHANGE_COLUMNS} FROM "ClusterChange" WHERE "clusterId" = $1 ORDER BY "seq"`, [clusterId]);
      return rs.rows.map((r: Record<string, unknown>) => toChange(r));
    },
    async cluster(clusterId) {
      const rs = await client.query(`SELECT ${CLUSTER_COLUMNS} FROM "Cluster" WHERE "id" = $1`, [clusterId]);
      const row = rs.rows[0] as Record<string, unknown> | undefined;
      if (!row) throw new Error(`no cluster ${clusterId} in the centre's database`);
      return toCluster(row);
    },
    async duplicateChanges(clusterId) {
      const rs = await client.query(DUPLICATES_SQL("$1"), [clusterId]);
      return rs.rows.map((r: Record<string, unknown>) => toDuplicate(r));
    },
    async query(sql, args = []) {
      return (await client.query(sql, args)).rows as Record<string, unknown>[];
    },
    async plant(sql, args = []) {
      await client.query(sql, args);
    },
    async close() {
      await client.end();
    },
  };
}

function toChange(r: Record<string, unknown>): StoredChange {
  return {
    seq: Number(r.seq),
    type: String(r.type),
    kind: String(r.kind),
    namespace: String(r.namespace),
    name: String(r.name),
    resourceVersion: String(r.resourceVersion),
    summary: String(r.summary),
    observedAt: toDate(r.observedAt)!,
    receivedAt: toDate(r.receivedAt)!,
  };
}

function toDuplicate(r: Record<string, unknown>) {
  return { type: String(r.type), kind: String(r.kind), namespace: String(r.namespace), name: String(r.name), resourceVersion: String(r.resourceVersion), times: Number(r.times) };
}

function toCluster(r: Record<string, unknown>): StoredCluster {
  return {
    status: String(r.status),
    outboxAckedSeq: Number(r.outboxAckedSeq),
    queuedAtDevice: r.queuedAtDevice === null || r.queuedAtDevice === undefined ? null : Number(r.queuedAtDevice),
    offlineSince: toDate(r.offlineSince),
    lastSeenAt: toDate(r.lastSeenAt),
  };
}

/** Prisma keeps SQLite DateTimes as epoch ms or as text, depending on the writer; PostgreSQL gives Dates. */
function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "bigint") return new Date(Number(v));
  const s = String(v);
  if (/^\d+$/.test(s)) return new Date(Number(s));
  // SQLite's CURRENT_TIMESTAMP is "YYYY-MM-DD HH:MM:SS" in UTC.
  const d = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/.test(s) && !/[zZ+]/.test(s) ? `${s.replace(" ", "T")}Z` : s);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date: ${s}`);
  return d;
}
