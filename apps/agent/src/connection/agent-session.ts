import type { Socket } from "socket.io-client";
import { z } from "zod";
import { ZClusterSnapshot, ZHeartbeat, type AgentToServerEvents, type ClusterDriver, type ServerToAgentEvents } from "@outpost/cluster-core";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import { parseAgentAck } from "./parse-agent-ack";
import { SnapshotSender } from "./snapshot-sender";
import { startAgentTunnel } from "../tunnel/agent-tunnel";
import type { LocalApi } from "../tunnel/local-api";

export type AgentSocket = Socket<ServerToAgentEvents, AgentToServerEvents>;

export interface AgentSessionOptions {
  socket: AgentSocket;
  driver: ClusterDriver;
  /** The cluster's API server for the kube API tunnel; null for a simulated cluster. */
  localApi: LocalApi | null;
  heartbeatIntervalMs: number;
  log: Logger;
  /** The link looks dead although the transport has not noticed yet. */
  onUnresponsive: (reason: string) => void;
}

export interface AgentSession {
  notifyChange(): void;
  stop(): void;
}

const SNAPSHOT_ACK_TIMEOUT_MS = 20_000;
/** Three unanswered beats in a row: give up on this connection and dial again. */
const MAX_MISSED_HEARTBEATS = 3;

/**
 * What the agent does while connected: snapshots (via SnapshotSender) and heartbeats. Lives
 * exactly as long as one socket.io connection.
 */
export function startAgentSession({ socket, driver, localApi, heartbeatIntervalMs, log, onUnresponsive }: AgentSessionOptions): AgentSession {
  let stopped = false;
  const tunnel = startAgentTunnel(socket, localApi);

  const sendSnapshot = async (): Promise<boolean> => {
    const raw = await driver.snapshot();
    // A driver bug must never put garbage on the wire (or in the centre's database).
    const parsed = ZClusterSnapshot.safeParse(raw);
    if (!parsed.success) {
      log.error(`driver produced an invalid snapshot, not sending it: ${z.prettifyError(parsed.error).replace(/\n/g, "; ")}`);
      return false;
    }
    const ack = parseAgentAck(await socket.timeout(SNAPSHOT_ACK_TIMEOUT_MS).emitWithAck("agent:snapshot", parsed.data));
    if (!ack.ok && !stopped) log.warn(`centre refused snapshot: ${ack.error}`);
    return ack.ok;
  };

  const sender = new SnapshotSender({
    send: sendSnapshot,
    debounceMs: 250,
    maxWaitMs: 2_000,
    refreshMs: 60_000,
    retryMs: 5_000,
    onError: (err) => {
      if (!stopped) log.warn(`snapshot not delivered: ${describeError(err)}`);
    },
  });

  let missedBeats = 0;
  const beat = () => {
    // An ack slower than the interval is a miss; waiting longer only piles up beats.
    const timeout = Math.max(heartbeatIntervalMs, 2_000);
    socket
      .timeout(timeout)
      .emitWithAck("agent:heartbeat", ZHeartbeat.parse({ sentAt: Date.now() }))
      .then((value) => {
        missedBeats = 0;
        const ack = parseAgentAck(value);
        if (!ack.ok && !stopped) log.warn(`centre refused heartbeat: ${ack.error}`);
      })
      .catch(() => {
        if (stopped) return;
        missedBeats += 1;
        if (missedBeats >= MAX_MISSED_HEARTBEATS) onUnresponsive(`${missedBeats} heartbeats unanswered`);
      });
  };

  sender.start();
  beat();
  const heartbeatTimer = setInterval(beat, heartbeatIntervalMs);

  return {
    notifyChange: () => sender.notifyChange(),
    stop: () => {
      stopped = true;
      sender.stop();
      tunnel.closeAll();
      clearInterval(heartbeatTimer);
    },
  };
}
