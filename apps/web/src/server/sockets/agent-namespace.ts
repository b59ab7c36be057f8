import type { Namespace, Socket } from "socket.io";
import {
  ZAgentAck,
  ZAgentHandshake,
  ZAgentHello,
  ZDesiredApplied,
  ZHeartbeat,
  ZJoinTokenAnswer,
  ZOutboxBatch,
  type AgentAck,
  type AgentToServerEvents,
  type OutboxAck,
  type ServerToAgentEvents,
} from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { authenticateAgent } from "../fleet/authenticate-agent";
import { applyOutboxBatch } from "../fleet/apply-outbox-batch";
import { desiredStateForAgent } from "../desired/get-desired-state";
import type { AgentConnection } from "../fleet/agent-presence";
import { createCentreTunnel } from "../tunnel/centre-tunnel";
import { refuseMalformedPackets } from "./refuse-malformed-packets";
import { log } from "../logging/log";
import { serveBundleTransfers } from "../bundles/serve-bundle-transfers";

interface AgentSocketData {
  clusterId: string;
  clusterName: string;
  features: string[];
  credential: { id: string; createdAt: Date };
}
export type AgentSocket = Socket<AgentToServerEvents, ServerToAgentEvents, Record<string, never>, AgentSocketData>;
export type AgentNamespace = Namespace<AgentToServerEvents, ServerToAgentEvents, Record<string, never>, AgentSocketData>;

/** How long an agent may take to save a new credential and say so. */
const ROTATE_ACK_MS = 15_000;

const KNOWN_EVENTS = new Set(["agent:heartbeat", "agent:hello", "agent:outbox", "desired:applied", "tunnel:response", "tunnel:data", "tunnel:end", "tunnel:cancel", "bundle:fetch", "bundle:cancel", "bundle:status"]);

/** Error for a refused handshake; the agent reads `data.code` to decide whether retrying can help. */
function handshakeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

/**
 * The /agent namespace: authenticated agents say hello, deliver their durable outbox, beat, take
 * desired state and serve the kube API tunnel; every agent message is acknowledged.
 */
export function registerAgentNamespace(nsp: AgentNamespace, ctx: ServerContext): void {
  nsp.use((socket, next) => {
    const hs = ZAgentHandshake.safeParse(socket.handshake.auth);
    if (!hs.success) return next(handshakeError("AGENT_HANDSHAKE_INVALID", "handshake needs clusterId, credential and agentVersion"));
    authenticateAgent(ctx.db, hs.data)
      .then((agent) => {
        if (!agent.ok) return next(handshakeError("AGENT_CREDENTIAL_INVALID", agent.message));
        socket.data.clusterId = agent.clusterId;
        socket.data.clusterName = agent.clusterName;
        socket.data.credential = agent.credential;
        socket.data.features = hs.data.features ?? [];
        next();
      })
      .catch((err: unknown) => {
        log.error({ err }, "agent handshake failed");
        next(handshakeError("INTERNAL", "the centre could not check the credential; retry later"));
      });
  });

  nsp.on("connection", (socket: AgentSocket) => {
    const { clusterId, clusterName } = socket.data;
    log.info({ cluster: clusterName, address: socket.handshake.address }, "agent connected");
    const conn: AgentConnection = {
      id: socket.id,
      clusterName,
      features: socket.data.features,
      credential: socket.data.credential,
      disconnect: (close) => socket.disconnect(close),
      rotateCredential: async (credential) => parseAgentAck(await socket.timeout(ROTATE_ACK_MS).emitWithAck("credential:rotate", { credential })),
      revoked(reason) {
        // Told why first (acknowledged, or after a second at most), then cut.
        socket.timeout(1_000).emit("agent:revoked", { reason }, () => socket.disconnect(true));
      },
      tunnel: createCentreTunnel(socket),
      // Fire and forget: an agent that misses it gets the current generation at its next hello.
      sendDesired: (state) => void socket.emit("desired:update", state, () => {}),
      async readJoinToken() {
        const answer = ZJoinTokenAnswer.safeParse(await socket.timeout(15_000).emitWithAck("k3s:join-token", {}));
        if (!answer.success) throw new Error(`the agent of ${clusterName} answered the join-token request with something else`);
        if (!answer.data.ok) throw new Error(answer.data.error);
        return answer.data.token;
      },
    };
    refuseMalformedPackets(socket, (event, payload) => {
      const streamId = (payload as { streamId?: unknown } | null)?.streamId;
      if (event.startsWith("tunnel:") && typeof streamId === "number") conn.tunnel.fail(streamId, "the agent's answer was malformed");
    });
    // Messages of one agent are handled strictly one after another, in arrival order.
    let queue: Promise<unknown> = ctx.presence.attach(clusterId, conn).catch((err: unknown) => log.error({ err, cluster: clusterName }, "agent attach failed"));
    // A failure is logged, never left unhandled (that would stop the whole centre).
    const serially = (work: () => Promise<void>) =>
      (queue = queue.then(work).catch((err: unknown) => log.error({ err, cluster: clusterName }, "handling an agent message failed")));

    socket.on("agent:heartbeat", (beat, ack) => {
      const reply = safeAck<AgentAck>(ack);
      const parsed = ZHeartbeat.safeParse(beat);
      if (!parsed.success) return reply({ ok: false, error: "invalid heartbeat: expected {sentAt: epoch ms, lastRttMs?, missed?, queued?}" });
      ctx.presence.heard(clusterId, conn, parsed.data);
      reply({ ok: true, receivedAt: Date.now() });
    });

    socket.on("agent:hello", (hello, ack) => {
      const reply = safeAck<OutboxAck>(ack);
      const parsed = ZAgentHello.safeParse(hello);
      if (!parsed.success) return reply({ ok: false, error: "invalid hello: expected {agentVersion, queued}" });
      ctx.presence.heard(clusterId, conn, { queued: parsed.data.queued });
      void serially(async () => {
        const row = await ctx.db.cluster.findUnique({ where: { id: clusterId }, select: { outboxAckedSeq: true } }).catch(() => null);
        reply(row ? { ok: true, ackedSeq: Number(row.outboxAckedSeq) } : { ok: false, error: "the cluster no longer exists" });
        const desired = row ? await desiredStateForAgent(ctx.db, clusterId).catch(() => null) : null;
        if (desired) conn.sendDesired(desired);
      });
    });

    socket.on("desired:applied", (report, ack) => {
      const reply = safeAck<AgentAck>(ack);
      const parsed = ZDesiredApplied.safeParse(report);
      if (!parsed.success) return reply({ ok: false, error: "invalid desired:applied: expected {generation, ok, message}" });
      ctx.presence.heard(clusterId, conn);
      void serially(async () => {
        // Only a successful reconcile of a generation the centre actually issued counts.
        if (parsed.data.ok) {
          await ctx.db.cluster.updateMany({
            where: { id: clusterId, desiredGeneration: { gte: parsed.data.generation }, appliedGeneration: { lt: parsed.data.generation } },
            data: { appliedGeneration: parsed.data.generation },
          });
          // A generation applied: whatever failed before is over (the "desired state failing" alert resolves).
          await ctx.db.cluster.updateMany({ where: { id: clusterId, desiredError: { not: null } }, data: { desiredError: null, desiredErrorAt: null } });
        } else {
          log.warn({ cluster: clusterName, generation: parsed.data.generation, message: parsed.data.message }, "the agent could not apply desired state");
          // Kept from the first failure on, so an alert can say how long it has been failing.
          await ctx.db.cluster.updateMany({ where: { id: clusterId, desiredError: null }, data: { desiredErrorAt: new Date() } });
          await ctx.db.cluster.updateMany({ where: { id: clusterId }, data: { desiredError: `generation ${parsed.data.generation}: ${parsed.data.message}`.slice(0, 1000) } });
        }
        reply({ ok: true, receivedAt: Date.now() });
      });
    });

    socket.on("agent:outbox", (batch, ack) => {
      const reply = safeAck<OutboxAck>(ack);
      const parsed = ZOutboxBatch.safeParse(batch);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return reply({ ok: false, error: `invalid outbox batch: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "rejected"}` });
      }
      ctx.presence.heard(clusterId, conn);
      void serially(async () => {
        try {
          const result = await applyOutboxBatch(ctx.db, clusterId, parsed.data);
          if (result.applied > 0) await ctx.live.clusterChanged(ctx.db, clusterId);
          reply({ ok: true, ackedSeq: result.ackedSeq });
        } catch (err) {
          log.error({ err, cluster: clusterName }, "storing an outbox batch failed");
          reply({ ok: false, error: "the centre could not store the batch; send it again" });
        }
      });
    });

    const stopBundleTransfers = serveBundleTransfers(ctx, socket, {
      cluster: { id: clusterId, name: clusterName },
      serially,
      heard: () => ctx.presence.heard(clusterId, conn),
    });

    socket.onAny((event: string, ...args: unknown[]) => {
      if (KNOWN_EVENTS.has(event)) return;
      safeAck<AgentAck>(args[args.length - 1])({ ok: false, error: `unknown event '${event}'` });
    });

    socket.on("disconnect", (reason) => {
      log.info({ cluster: clusterName, reason }, "agent disconnected");
      conn.tunnel.closeAll(`the agent of ${clusterName} disconnected`);
      stopBundleTransfers();
      void serially(() => ctx.presence.detach(clusterId, conn).catch((err: unknown) => log.error({ err, cluster: clusterName }, "agent detach failed")));
    });
  });
}

/** True when the agent acknowledged with `{ ok: true }`. */
function parseAgentAck(raw: unknown): boolean {
  const ack = ZAgentAck.safeParse(raw);
  return ack.success && ack.data.ok;
}

/** A malformed message may carry no callback, or something else in its place. */
function safeAck<T>(ack: unknown): (res: T) => void {
  return typeof ack === "function" ? (ack as (res: T) => void) : () => {};
}
