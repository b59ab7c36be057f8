import type { DesiredState } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { LiveUpdates } from "../sockets/live-updates";
import type { CentreTunnel } from "../tunnel/centre-tunnel";

/** A live, authenticated agent connection: it can be told to go away, and carries the tunnel. */
export interface AgentConnection {
  id: string;
  clusterName: string;
  disconnect(close?: boolean): unknown;
  tunnel: CentreTunnel;
  /** Hands the agent a new generation of its desired state. */
  sendDesired(state: DesiredState): void;
}

/** What an agent says about its link in a heartbeat or hello. */
export interface LinkReport {
  lastRttMs?: number | undefined;
  missed?: number | undefined;
  queued?: number | undefined;
}

export interface AgentPresence {
  /** A newly authenticated agent connection; an older one for the same cluster is closed. */
  attach(clusterId: string, conn: AgentConnection): Promise<void>;
  /** The connection ended; the cluster goes offline unless a newer connection replaced it. */
  detach(clusterId: string, conn: AgentConnection): Promise<void>;
  /** Any message from the agent counts as a sign of life; heartbeats also report the link. */
  heard(clusterId: string, conn: AgentConnection, link?: LinkReport): void;
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
  degraded: boolean;
  goodBeats: number;
  rttMs: number | null;
  queued: number | null;
}

/** lastSeenAt, RTT and queue length of a connected cluster are written at most this often. */
const PERSIST_EVERY_MS = 5_000;
/** A heartbeat slower than this, or any missed beat, marks the link degraded. */
export const DEGRADED_RTT_MS = 1_000;
/** Good beats in a row needed to call a degraded link healthy again (no flapping). */
const GOOD_BEATS_TO_RECOVER = 3;

/**
 * Presence comes from the agent's connection and heartbeats, never from a guess:
 * - online: an authenticated socket whose heartbeats come back quickly;
 * - degraded: still connected, but beats are slow (RTT > 1 s), were missed, or the agent has
 *   gone quiet for more than half the timeout;
 * - offline since T: the socket closed, or was closed after a full timeout of silence
 *   (half-open links do not close themselves).
 */
export function createAgentPresence(db: Db, live: LiveUpdates, opts: { heartbeatTimeoutMs: number; now?: () => number }): AgentPresence {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();

  const write = async (clusterId: string, data: Record<string, unknown>, announce: boolean) => {
    const res = await db.cluster.updateMany({ where: { id: clusterId }, data });
    if (res.count > 0 && announce) await live.clusterChanged(db, clusterId);
  };
  const persistLink = (clusterId: string, e: Entry, status?: "online" | "degraded") => {
    e.lastPersisted = now();
    write(clusterId, { lastSeenAt: new Date(e.lastHeard), linkRttMs: e.rttMs, queuedAtDevice: e.queued, ...(status ? { status } : {}) }, true).catch((err: unknown) =>
      console.error("[presence] link state not saved:", err),
    );
  };
  const setDegraded = (clusterId: string, e: Entry, degraded: boolean) => {
    if (e.degraded === degraded) return;
    e.degraded = degraded;
    persistLink(clusterId, e, degraded ? "degraded" : "online");
  };

  const watchdog = setInterval(() => {
    const t = now();
    for (const [clusterId, e] of entries) {
      const silence = t - e.lastHeard;
      if (silence > opts.heartbeatTimeoutMs) e.conn.disconnect(true);
      else if (silence > opts.heartbeatTimeoutMs / 2) {
        e.goodBeats = 0;
        setDegraded(clusterId, e, true);
      }
    }
  }, Math.min(1000, opts.heartbeatTimeoutMs / 4));
  watchdog.unref();

  return {
    async attach(clusterId, conn) {
      const previous = entries.get(clusterId);
      const t = now();
      entries.set(clusterId, { conn, lastHeard: t, lastPersisted: t, degraded: false, goodBeats: 0, rttMs: null, queued: null });
      if (previous && previous.conn.id !== conn.id) previous.conn.disconnect(true);
      await write(clusterId, { status: "online", offlineSince: null, lastSeenAt: new Date(t) }, true);
    },
    async detach(clusterId, conn) {
      const e = entries.get(clusterId);
      if (!e || e.conn.id !== conn.id) return;
      entries.delete(clusterId);
      await write(clusterId, { status: "offline", offlineSince: new Date(now()), lastSeenAt: new Date(e.lastHeard), linkRttMs: e.rttMs }, true);
    },
    heard(clusterId, conn, link) {
      const e = entries.get(clusterId);
      if (!e || e.conn.id !== conn.id) return;
      e.lastHeard = now();
      const queuedChanged = link?.queued !== undefined && link.queued !== e.queued;
      if (link?.queued !== undefined) e.queued = link.queued;
      if (link?.lastRttMs !== undefined || link?.missed !== undefined) {
        if (link.lastRttMs !== undefined) e.rttMs = Math.round(link.lastRttMs);
        const bad = (link.lastRttMs ?? 0) > DEGRADED_RTT_MS || (link.missed ?? 0) > 0;
        e.goodBeats = bad ? 0 : e.goodBeats + 1;
        if (bad) return setDegraded(clusterId, e, true);
        if (e.degraded && e.goodBeats >= GOOD_BEATS_TO_RECOVER) return setDegraded(clusterId, e, false);
      }
      if (queuedChanged || e.lastHeard - e.lastPersisted >= PERSIST_EVERY_MS) persistLink(clusterId, e);
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
 * At start-up no agent is connected yet, so clusters the database still calls online (or
 * degraded) are offline since their last contact: the centre was down, and does not guess beyond that.
 */
export async function markAllOfflineAtStart(db: Db): Promise<number> {
  const stale = await db.cluster.findMany({ where: { status: { in: ["online", "degraded"] } }, select: { id: true, lastSeenAt: true } });
  for (const c of stale) {
    await db.cluster.update({ where: { id: c.id }, data: { status: "offline", offlineSince: c.lastSeenAt ?? new Date() } });
  }
  return stale.length;
}
