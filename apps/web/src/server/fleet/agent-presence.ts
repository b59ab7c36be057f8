import type { Db } from "../db/open-database";
import type { LiveUpdates } from "../sockets/live-updates";
import type { CentreTunnel } from "../tunnel/centre-tunnel";

/** A live, authenticated agent connection: it can be told to go away, and carries the tunnel. */
export interface AgentConnection {
  id: string;
  clusterName: string;
  disconnect(close?: boolean): unknown;
  tunnel: CentreTunnel;
}

export interface AgentPresence {
  /** A newly authenticated agent connection; an older one for the same cluster is closed. */
  attach(clusterId: string, conn: AgentConnection): Promise<void>;
  /** The connection ended; the cluster goes offline unless a newer connection replaced it. */
  detach(clusterId: string, conn: AgentConnection): Promise<void>;
  /** Any message from the agent counts as a sign of life. */
  heard(clusterId: string, conn: AgentConnection): void;
  /** Closes the cluster's agent connection, e.g. when the cluster is deleted. */
  kick(clusterId: string): void;
  isOnline(clusterId: string): boolean;
  /** The cluster's current agent connection (and so its kube API tunnel), if it is connected. */
  connectionOf(clusterId: string): AgentConnection | undefined;
  onlineCount(): number;
  /** Kube API exchanges open through all tunnels right now. */
  openTunnelStreams(): number;
  stop(): void;
}

interface Entry {
  conn: AgentConnection;
  lastHeard: number;
  lastPersisted: number;
}

/** lastSeenAt of an online cluster is written at most this often; presence itself is in memory. */
const PERSIST_LAST_SEEN_MS = 15_000;

/**
 * Online/offline comes from the agent's connection, never from a guess: a cluster is online while
 * its agent holds an authenticated socket and keeps talking; silence longer than the heartbeat
 * timeout closes the socket (half-open links do not close themselves) and marks it offline.
 */
export function createAgentPresence(db: Db, live: LiveUpdates, opts: { heartbeatTimeoutMs: number; now?: () => number }): AgentPresence {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const watchdog = setInterval(() => {
    const t = now();
    for (const [, e] of entries) {
      if (t - e.lastHeard > opts.heartbeatTimeoutMs) e.conn.disconnect(true);
    }
  }, Math.min(2000, opts.heartbeatTimeoutMs / 4));
  watchdog.unref();

  async function setStatus(clusterId: string, online: boolean, at: Date, lastSeenAt: Date): Promise<void> {
    const data = online ? { status: "online", offlineSince: null, lastSeenAt } : { status: "offline", offlineSince: at, lastSeenAt };
    const res = await db.cluster.updateMany({ where: { id: clusterId }, data });
    if (res.count > 0) await live.clusterChanged(db, clusterId);
  }

  return {
    async attach(clusterId, conn) {
      const previous = entries.get(clusterId);
      const t = now();
      entries.set(clusterId, { conn, lastHeard: t, lastPersisted: t });
      if (previous && previous.conn.id !== conn.id) previous.conn.disconnect(true);
      await setStatus(clusterId, true, new Date(t), new Date(t));
    },
    async detach(clusterId, conn) {
      const e = entries.get(clusterId);
      if (!e || e.conn.id !== conn.id) return;
      entries.delete(clusterId);
      await setStatus(clusterId, false, new Date(now()), new Date(e.lastHeard));
    },
    heard(clusterId, conn) {
      const e = entries.get(clusterId);
      if (!e || e.conn.id !== conn.id) return;
      e.lastHeard = now();
      if (e.lastHeard - e.lastPersisted >= PERSIST_LAST_SEEN_MS) {
        e.lastPersisted = e.lastHeard;
        db.cluster.updateMany({ where: { id: clusterId }, data: { lastSeenAt: new Date(e.lastHeard) } }).catch((err: unknown) => console.error("[presence] lastSeenAt not saved:", err));
      }
    },
    kick(clusterId) {
      entries.get(clusterId)?.conn.disconnect(true);
    },
    isOnline: (clusterId) => entries.has(clusterId),
    connectionOf: (clusterId) => entries.get(clusterId)?.conn,
    onlineCount: () => entries.size,
    openTunnelStreams: () => [...entries.values()].reduce((sum, e) => sum + e.conn.tunnel.activeStreams(), 0),
    stop: () => clearInterval(watchdog),
  };
}

/**
 * At start-up no agent is connected yet, so clusters the database still calls online are
 * offline since their last contact: the centre was down, and it does not guess beyond that.
 */
export async function markAllOfflineAtStart(db: Db): Promise<number> {
  const stale = await db.cluster.findMany({ where: { status: "online" }, select: { id: true, lastSeenAt: true } });
  for (const c of stale) {
    await db.cluster.update({ where: { id: c.id }, data: { status: "offline", offlineSince: c.lastSeenAt ?? new Date() } });
  }
  return stale.length;
}
