import { isIPv6 } from "node:net";
import type { Socket } from "node:net";
import { AppError } from "../errors/app-error";
import { apiErrorBody } from "./api-error-body";
import { refuseUpgrade } from "./refuse-upgrade";

export interface ConnectionLimits {
  /** Connections one source address may hold open before any of them has proven itself. */
  perAddress: number;
  /** Such connections from everyone together: keeps descriptors for the signed-in and the agents. */
  total: number;
  /** Sent as Retry-After with a refusal. */
  retryAfterSeconds: number;
}

export interface ConnectionGuard {
  /** A new connection (for TLS: once its handshake is done); refused at once when over a limit. */
  admit(socket: Socket): void;
  /** A request (or upgrade) head arrived on the connection: it is no longer idle or slow. */
  requested(socket: Socket): void;
  /** The connection carries a signed-in user or an agent: it no longer counts against the limits. */
  prove(socket: Socket): void;
  /** The guard answered this connection itself; nothing more is to be sent on it. */
  refused(socket: Socket): boolean;
  /** Unproven connections open now. */
  unproven(): number;
}

/** A refused connection is kept (reading and discarding) this long, so its client reads the answer. */
const LINGER_MS = 1_000;
/** Beyond this many lingering refusals, a refusal closes at once: descriptors matter more. */
const MAX_LINGERING = 1_000;

/** IPv6 callers are counted by their /64, which one host or network usually holds whole. */
function sourceOf(address: string | undefined): string {
  if (!address) return "?";
  if (!isIPv6(address) || address.startsWith("::ffff:")) return address;
  return address.split(":").slice(0, 4).join(":");
}

/**
 * Limits concurrent connections that have not shown a credential yet, per source address and in
 * total, so that slow-header floods, abandoned upgrades and idle scanners cannot use up the
 * process's descriptors. Past its address's limit a new connection is answered 429; past the
 * total, the oldest connection that has not even sent a request head makes room (answered 503),
 * so a flood of idle or slow connections cannot lock out a newcomer who is about to sign in;
 * with none such, the newcomer gets the 503. Refusals carry Retry-After and are closed, never
 * silently reset.
 */
export function createConnectionGuard(limits: ConnectionLimits): ConnectionGuard {
  const counted = new Map<Socket, string>();
  /** Counted connections with no request yet, oldest first (a Set keeps insertion order). */
  const idle = new Set<Socket>();
  const refusedSockets = new WeakSet<Socket>();
  const bySource = new Map<string, number>();
  let lingering = 0;

  const release = (socket: Socket) => {
    idle.delete(socket);
    const source = counted.get(socket);
    if (source === undefined) return;
    counted.delete(socket);
    const n = (bySource.get(source) ?? 1) - 1;
    if (n <= 0) bySource.delete(source);
    else bySource.set(source, n);
  };

  const refuse = (socket: Socket, err: AppError) => {
    release(socket);
    refusedSockets.add(socket);
    const linger = lingering < MAX_LINGERING ? LINGER_MS : 0;
    if (linger) {
      lingering++;
      socket.once("close", () => lingering--);
    }
    refuseUpgrade(socket, err.code === "RATE_LIMITED" ? 429 : 503, apiErrorBody(err), { "retry-after": String(limits.retryAfterSeconds) }, linger);
  };
  const busy = () => new AppError("UNAVAILABLE", "the centre has too many connections that have not signed in; retry later");

  return {
    admit(socket) {
      const source = sourceOf(socket.remoteAddress);
      const fromSource = bySource.get(source) ?? 0;
      if (fromSource >= limits.perAddress) return refuse(socket, new AppError("RATE_LIMITED", "too many connections from your address that have not signed in; retry later"));
      if (counted.size >= limits.total) {
        const oldest = idle.values().next();
        if (oldest.done) return refuse(socket, busy());
        refuse(oldest.value, busy());
      }
      counted.set(socket, source);
      idle.add(socket);
      bySource.set(source, fromSource + 1);
      socket.once("close", () => release(socket));
    },
    requested: (socket) => void idle.delete(socket),
    prove: release,
    refused: (socket) => refusedSockets.has(socket),
    unproven: () => counted.size,
  };
}
