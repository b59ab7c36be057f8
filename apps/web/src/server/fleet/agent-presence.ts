import { PROBLEM_RANK, type DesiredState, type StatusReason } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { setClusterStatus, type StatusChange } from "./set-cluster-status";
import type { LiveUpdates } from "../sockets/live-updates";
import type { CentreTunnel } from "../tunnel/centre-tunnel";
import { log } from "../logging/log";

/** A live, authenticated agent connection: it can be told to go away, and carries the tunnel. */
export interface AgentConnection {
  id: string;
  clusterName: string;
  /** What the agent said it can do (AGENT_FEATURES); older agents announce nothing. */
  features: readonly string[];
  /** The credential this connection authenticated with (it changes when rotated). */
  credential: { id: string; createdAt: Date };
  disconnect(close?: boolean): unknown;
  /** Hands the agent its next credential; resolves true once the agent saved it. */
  rotateCredential(credential: string): Promise<boolean>;
  /** Tells the agent its credential was revoked and why, then disconnects it. */
  revoked(reason: string): void;
  tunnel: CentreTunnel;
  /** Hands the agent a new generation of its desired state. */
  sendDesired(state: DesiredState): void;
  /** Asks the agent on the k3s server for the cluster's join token (never logged, never to browsers). */
  readJoinToken(): Promise<string>;
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
  /** Every connected agent, by cluster id. */
  connections(): [string, AgentConnection][];
  onlineCount(): number;
  /** Kube API exchanges open through all tunnels right now. */
  openTunnelStreams(): number;
  /** Stops the timers and writes the link state still in memory. */
  stop(): Promise<void>;
}

interface Entry {
  conn: AgentConnection;
  lastHeard: number;
  degraded: boolean;
  goodBeats: number;
  rttMs: number | null;
  queued: number | null;
  /** Link state changed since it was last written. */
  dirty: boolean;
  /** The device's queue length changed: browsers are told at the next flush. */
  announce: boolean;
  /** The watchdog closed the connection after a full timeout of silence. */
  timedOut: boolean;
}

/** lastSeenAt, RTT and queue length of connected clusters are written together this often. */
const FLUSH_EVERY_MS = 5_000;
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
 * Status changes are written and announced at once. The routine link state of every connected
 * cluster (last contact, RTT, queue length) is written in one transaction every 5 s: a
 * heartbeat costs no database write, so a thousand agents cost one commit per flush.
 */
export function createAgentPresence(db: Db, live: LiveUpdates, opts: { heartbeatTimeoutMs: number; now?: () => number; flushEveryMs?: number }): AgentPresence {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();

  // Status changes go through setClusterStatus, which also records the transition (outage history).
  const write = async (clusterId: string, change: StatusChange) => {
    if (await setClusterStatus(db, clusterId, change)) await live.clusterChanged(db, clusterId);
  };
  const linkData = (e: Entry) => ({ lastSeenAt: new Date(e.lastHeard), linkRttMs: e.rttMs, queuedAtDevice: e.queued });
  const setDegraded = (clusterId: string, e: Entry, degraded: boolean, reason: StatusReason) => {
    if (e.degraded === degraded) return;
    e.degraded = degraded;
    e.dirty = false;
    write(clusterId, { status: degraded ? "degraded" : "online", at: new Date(now()), reason, data: linkData(e) }).catch((err: unknown) =>
      log.error({ err, clusterId }, "link state not saved"),
    );
  };

  let flushing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = [...entries].filter(([, e]) => e.dirty);
    if (batch.length === 0) return;
    const announce = batch.filter(([, e]) => e.announce).map(([id]) => id);
    for (const [, e] of batch) e.dirty = e.announce = false;
    await db.$transaction(batch.map(([id, e]) => db.cluster.updateMany({ where: { id }, data: linkData(e) })));
    for (const id of announce) await live.clusterChanged(db, id);
  };
  const flushTimer = setInterval(() => {
    flushing = flushing.then(flush).catch((err: unknown) => log.error({ err }, "link states not saved"));
  }, opts.flushEveryMs ?? FLUSH_EVERY_MS);
  flushTimer.unref();

  const watchdog = setInterval(() => {
    const t = now();
    for (const [clusterId, e] of entries) {
      const silence = t - e.lastHeard;
      if (silence > opts.heartbeatTimeoutMs) {
        e.timedOut = true;
        e.conn.disconnect(true);
      } else if (silence > opts.heartbeatTimeoutMs / 2) {
        e.goodBeats = 0;
        setDegraded(clusterId, e, true, "quiet");
      }
    }
  }, Math.min(1000, opts.heartbeatTimeoutMs / 4));
  watchdog.unref();

  return {
    async attach(clusterId, conn) {
      const previous = entries.get(clusterId);
      const t = now();
      entries.set(clusterId, { conn, lastHeard: t, degraded: false, goodBeats: 0, rttMs: null, queued: null, dirty: false, announce: false, timedOut: false });
      if (previous && previous.conn.id !== conn.id) previous.conn.disconnect(true);
      await write(clusterId, { status: "online", at: new Date(t), reason: "connected", data: { offlineSince: null, lastSeenAt: new Date(t) } });
    },
    async detach(clusterId, conn) {
      const e = entries.get(clusterId);
      if (!e || e.conn.id !== conn.id) return;
      entries.delete(clusterId);
      const t = new Date(now());
      await write(clusterId, {
        status: "offline",
        at: t,
        reason: e.timedOut ? "heartbeat-timeout" : "disconnected",
        data: { offlineSince: t, lastSeenAt: new Date(e.lastHeard), linkRttMs: e.rttMs },
      });
    },
    heard(clusterId, conn, link) {
      const e = entries.get(clusterId);
      if (!e || e.conn.id !== conn.id) return;
      e.lastHeard = now();
      e.dirty = true;
      if (link?.queued !== undefined && link.queued !== e.queued) {
        e.queued = link.queued;
        e.announce = true;
      }
      if (link?.lastRttMs !== undefined || link?.missed !== undefined) {
        if (link.lastRttMs !== undefined) e.rttMs = Math.round(link.lastRttMs);
        const bad = (link.lastRttMs ?? 0) > DEGRADED_RTT_MS || (link.missed ?? 0) > 0;
        e.goodBeats = bad ? 0 : e.goodBeats + 1;
        if (bad) setDegraded(clusterId, e, true, "slow-heartbeats");
        else if (e.degraded && e.goodBeats >= GOOD_BEATS_TO_RECOVER) setDegraded(clusterId, e, false, "recovered");
      }
    },
    kick(clusterId) {
      entries.get(clusterId)?.conn.disconnect(true);
    },
    isOnline: (clusterId) => entries.has(clusterId),
    connectionOf: (clusterId) => entries.get(clusterId)?.conn,
    connections: () => [...entries].map(([id, e]) => [id, e.conn]),
    onlineCount: () => entries.size,
    openTunnelStreams: () => [...entries.values()].reduce((sum, e) => sum + e.conn.tunnel.activeStreams(), 0),
    async stop() {
      clearInterval(watchdog);
      clearInterval(flushTimer);
      await flushing;
      await flush().catch((err: unknown) => log.error({ err }, "link states not saved at shutdown"));
    },
  };
}

/**
 * At start-up no agent is connected yet, so clusters the database still calls online (or
 * degraded) are offline since their last contact: the centre was down, and does not guess beyond that.
 */
export async function markAllOfflineAtStart(db: Db, now = new Date()): Promise<number> {
  const stillOnline = { status: { in: ["online", "degraded"] } };
  const reason: StatusReason = "centre-restart";
  return db.$transaction(async (tx) => {
    const rows = await tx.cluster.findMany({ where: stillOnline, select: { id: true, status: true, lastSeenAt: true } });
    if (rows.length === 0) return 0;
    await tx.clusterStatusEvent.createMany({ data: rows.map((r) => ({ clusterId: r.id, at: r.lastSeenAt ?? now, from: r.status, to: "offline", reason })) });
    // Set-based updates, so a fleet of thousands is one statement each, not a row at a time.
    await tx.$executeRaw`UPDATE "Cluster" SET "status" = 'offline', "offlineSince" = "lastSeenAt", "statusSince" = "lastSeenAt", "problemRank" = ${PROBLEM_RANK.offline} WHERE "status" IN ('online', 'degraded') AND "lastSeenAt" IS NOT NULL`;
    await tx.cluster.updateMany({ where: { ...stillOnline, lastSeenAt: null }, data: { status: "offline", offlineSince: now, statusSince: now, problemRank: PROBLEM_RANK.offline } });
    return rows.length;
  }, { timeout: 60_000 });
}
