import { io, type ExtendedError } from "socket.io-client";
import { AGENT_NAMESPACE, type AgentHandshake } from "@outpost/cluster-core";
import type { Logger } from "../logging/logger";
import { startAgentSession, type AgentRuntime, type AgentSession, type AgentSocket } from "./agent-session";

export type ConnectionOutcome =
  | { kind: "stopped" }
  /** The centre does not accept this credential: reconnecting cannot help. */
  | { kind: "rejected"; message: string }
  /** Never got connected. */
  | { kind: "failed"; reason: string }
  /** Was connected for `connectedForMs`, then lost the connection. */
  | { kind: "closed"; reason: string; connectedForMs: number };

export interface ConnectOnceOptions {
  server: string;
  auth: AgentHandshake;
  clusterName: string;
  runtime: AgentRuntime;
  log: Logger;
  signal: AbortSignal;
  /** The session while connected (for the driver's watch to poke), null otherwise. */
  onSession: (session: AgentSession | null) => void;
}

const CONNECT_TIMEOUT_MS = 20_000;

/**
 * One socket.io connection from dial to hang-up. socket.io's own reconnection is off: the
 * connection loop owns retry timing, so a fleet backs off with jitter instead of in lockstep.
 */
export function connectOnce(options: ConnectOnceOptions): Promise<ConnectionOutcome> {
  const { server, auth, clusterName, runtime, log, signal, onSession } = options;
  return new Promise((resolve) => {
    if (signal.aborted) return resolve({ kind: "stopped" });
    const { namespaceUrl, path } = socketAddress(server);
    const socket: AgentSocket = io(namespaceUrl, {
      path,
      auth,
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: CONNECT_TIMEOUT_MS,
    });
    let connectedAt: number | null = null;
    let session: AgentSession | null = null;
    let settled = false;

    const finish = (outcome: ConnectionOutcome) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      session?.stop();
      session = null;
      onSession(null);
      socket.removeAllListeners();
      socket.disconnect();
      resolve(outcome);
    };
    const closedOrFailed = (reason: string): ConnectionOutcome =>
      connectedAt === null ? { kind: "failed", reason } : { kind: "closed", reason, connectedForMs: Date.now() - connectedAt };
    const onAbort = () => finish({ kind: "stopped" });
    signal.addEventListener("abort", onAbort, { once: true });

    socket.on("connect", () => {
      connectedAt = Date.now();
      log.info({ url: namespaceUrl, cluster: clusterName, clusterId: auth.clusterId }, `connected to ${namespaceUrl}`);
      session = startAgentSession({
        socket,
        runtime,
        onUnresponsive: (reason) => finish(closedOrFailed(reason)),
        onRevoked: (reason) => finish({ kind: "rejected", message: reason }),
      });
      onSession(session);
    });
    socket.on("connect_error", (err: ExtendedError) => {
      if (isCredentialInvalid(err)) return finish({ kind: "rejected", message: err.message });
      finish(closedOrFailed(connectErrorReason(err)));
    });
    socket.on("disconnect", (reason) => finish(closedOrFailed(reason)));
  });
}

/**
 * socket.io takes the namespace from the URL path, so a centre served under a prefix
 * (https://host/outpost) needs the prefix moved into the engine path instead.
 */
function socketAddress(server: string): { namespaceUrl: string; path: string } {
  const url = new URL(server);
  const prefix = url.pathname.replace(/\/+$/, "");
  return { namespaceUrl: `${url.origin}${AGENT_NAMESPACE}`, path: `${prefix}/socket.io` };
}

function isCredentialInvalid(err: ExtendedError): boolean {
  const data: unknown = err.data;
  return typeof data === "object" && data !== null && "code" in data && data.code === "AGENT_CREDENTIAL_INVALID";
}

/**
 * engine.io reports just "websocket error" and keeps the real cause (ECONNREFUSED, a TLS
 * failure, HTTP 502 from a proxy) in `description`, an Error or a ws ErrorEvent.
 */
function connectErrorReason(err: ExtendedError): string {
  const description: unknown = "description" in err ? err.description : undefined;
  const inner = typeof description === "object" && description !== null && "message" in description ? description.message : undefined;
  return typeof inner === "string" && inner && inner !== err.message ? `${err.message}: ${inner}` : err.message;
}
