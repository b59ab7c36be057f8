import type { Socket } from "socket.io-client";
import { ZDesiredState, ZHeartbeat, type AgentToServerEvents, type DesiredApplied, type ServerToAgentEvents } from "@outpost/cluster-core";
import type { Logger } from "../logging/logger";
import type { Reconciler } from "../desired/reconciler";
import type { AgentReporter } from "../reporting/agent-reporter";
import type { BundleManager } from "../bundles/bundle-manager";
import { startAgentTunnel } from "../tunnel/agent-tunnel";
import type { LocalApi } from "../tunnel/local-api";
import { describeError } from "../util/describe-error";
import { startOutboxDelivery } from "./outbox-delivery";
import { parseAgentAck } from "./parse-agent-ack";
import { handleCredentialEvents } from "./handle-credential-events";
import type { CredentialHolder } from "../credentials/credential-holder";
import { readJoinToken } from "./read-join-token";

export type AgentSocket = Socket<ServerToAgentEvents, AgentToServerEvents>;

/** What lives for the whole agent run, across connections. */
export interface AgentRuntime {
  reporter: AgentReporter;
  reconciler: Reconciler;
  bundles: BundleManager;
  /** The newest reconcile report, to tell the centre once connected. */
  latestDesiredReport(): DesiredApplied | null;
  /** The cluster's API server for the kube API tunnel; null for a simulated cluster. */
  localApi: LocalApi | null;
  heartbeatIntervalMs: number;
  agentVersion: string;
  /** The credential the agent connects with; the centre may rotate it. */
  credentials: CredentialHolder;
  /** Where the k3s server keeps its join token (k3s:join-token). */
  k3sTokenFile: string;
  log: Logger;
}

export interface AgentSessionOptions {
  socket: AgentSocket;
  runtime: AgentRuntime;
  /** The link looks dead although the transport has not noticed yet. */
  onUnresponsive: (reason: string) => void;
  /** The centre revoked this agent's credential, saying why. */
  onRevoked: (reason: string) => void;
}

export interface AgentSession {
  /** A new reconcile report to pass on. */
  reportDesired(report: DesiredApplied): void;
  stop(): void;
}

/**
 * Three unanswered beats in a row, with nothing at all received from the centre for as long:
 * give up on this connection and dial again. Late answers still arriving mean a slow link, not a
 * dead one; a new connection over it would only start from scratch.
 */
const MAX_MISSED_HEARTBEATS = 3;

/**
 * What the agent does while connected: drains the outbox, beats (reporting the link's round trip,
 * missed beats and queue length so the centre can tell a degraded link), takes desired state,
 * and serves the kube API tunnel. Lives exactly as long as one socket.io connection.
 */
export function startAgentSession({ socket, runtime, onUnresponsive, onRevoked }: AgentSessionOptions): AgentSession {
  const { log, reporter } = runtime;
  let stopped = false;
  const tunnel = startAgentTunnel(socket, runtime.localApi);
  handleCredentialEvents(socket, runtime.credentials, log, onRevoked);
  const detachBundles = runtime.bundles.attach(socket);

  const reportDesired = (report: DesiredApplied) => {
    socket.timeout(20_000).emit("desired:applied", report, () => {});
  };
  const delivery = startOutboxDelivery({
    socket,
    reporter,
    agentVersion: runtime.agentVersion,
    log,
    onHello: () => {
      const latest = runtime.latestDesiredReport();
      if (latest) reportDesired(latest);
    },
  });

  socket.on("desired:update", (raw, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    const state = ZDesiredState.safeParse(raw);
    if (!state.success) return reply({ ok: false, error: "invalid desired state" });
    reply({ ok: true, receivedAt: Date.now() });
    runtime.reconciler
      .offer(state.data)
      .catch((err: unknown) => log.warn({ reason: describeError(err) }, "desired state not taken"))
      .finally(() => runtime.bundles.kick());
  });

  socket.on("k3s:join-token", (_req, ack) => {
    if (typeof ack !== "function") return;
    void readJoinToken(runtime.k3sTokenFile).then(ack);
  });

  // Any packet from the centre (a late heartbeat answer, a ping, tunnel traffic) shows the
  // connection still carries data.
  let lastInbound = Date.now();
  const onInbound = () => {
    lastInbound = Date.now();
  };
  socket.io.engine?.on("packet", onInbound);

  let missedBeats = 0;
  let lastRttMs: number | undefined;
  // An ack slower than the interval is a miss; waiting longer only piles up beats.
  const timeout = Math.max(runtime.heartbeatIntervalMs, 2_000);
  const beat = () => {
    const sentAt = Date.now();
    const payload = ZHeartbeat.parse({ sentAt, lastRttMs, missed: missedBeats, queued: reporter.outbox.stats().queued });
    socket
      .timeout(timeout)
      .emitWithAck("agent:heartbeat", payload)
      .then((value) => {
        lastRttMs = Date.now() - sentAt;
        missedBeats = 0;
        const ack = parseAgentAck(value);
        if (!ack.ok && !stopped) log.warn({ reason: ack.error }, "centre refused heartbeat");
      })
      .catch(() => {
        if (stopped) return;
        missedBeats += 1;
        const silentMs = Date.now() - lastInbound;
        if (missedBeats >= MAX_MISSED_HEARTBEATS && silentMs >= MAX_MISSED_HEARTBEATS * timeout) {
          onUnresponsive(`${missedBeats} heartbeats unanswered, nothing received for ${(silentMs / 1000).toFixed(1)} s`);
        }
      });
  };
  beat();
  const heartbeatTimer = setInterval(beat, runtime.heartbeatIntervalMs);

  return {
    reportDesired,
    stop: () => {
      stopped = true;
      delivery.stop();
      tunnel.closeAll();
      detachBundles();
      clearInterval(heartbeatTimer);
      socket.io.engine?.off("packet", onInbound);
    },
  };
}
