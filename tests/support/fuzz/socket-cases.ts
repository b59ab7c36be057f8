import { io, type Socket } from "socket.io-client";
import type { FuzzCase, FuzzOutcome } from "./fuzz-edge";
import type { FuzzRandom } from "./fuzz-random";
import { hostileValue, poisonString } from "./hostile-values";

const ACK_TIMEOUT_MS = 5_000;

/** A connect attempt on a namespace: refused (400, with the error's code as its JSON) or, wrongly, accepted. */
function handshake(url: string, opts: { auth?: unknown; cookie?: string }): Promise<FuzzOutcome> {
  return new Promise((resolve) => {
    // Its own connection: socket.io-client would otherwise share one with earlier sockets (and their headers).
    const socket = io(url, {
      forceNew: true,
      transports: ["websocket"],
      reconnection: false,
      timeout: ACK_TIMEOUT_MS,
      auth: opts.auth as Record<string, unknown>,
      extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    });
    const done = (o: FuzzOutcome) => {
      socket.close();
      resolve(o);
    };
    socket.once("connect", () => done({ status: 200, json: false }));
    socket.once("connect_error", (err: Error & { data?: { code?: unknown } }) => done({ status: 400, json: typeof err.data?.code === "string" && err.message.length > 0 }));
  });
}

/** An event with an ack: a refusal ({ ok: false, error }) counts as 400; ok as 200; silence as 0. */
async function emit(socket: Socket, event: string, payload: unknown): Promise<FuzzOutcome> {
  try {
    const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as { ok?: unknown; error?: unknown } | null;
    if (ack?.ok === false) return { status: 400, json: typeof ack.error === "string" };
    return { status: 200, json: false };
  } catch {
    return { status: 0, json: false };
  }
}

/** The same value with one place (or the whole) set to something its schema cannot take: a poison string or the wrong type. */
function breakAt(valid: unknown, r: FuzzRandom): { value: unknown; what: string } {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(valid, []);
  const path = r.pick(paths);
  const holder: Record<string | number, unknown> = { root: structuredClone(valid) };
  let parent = holder;
  let key: string | number = "root";
  for (const p of path) {
    parent = parent[key] as Record<string | number, unknown>;
    key = p;
  }
  const old = parent[key];
  // Never a value of the right type: an empty list where a list is expected could be valid.
  const wrong =
    typeof old === "string"
      ? r.pick([poisonString(r), 12, [], null])
      : typeof old === "number"
        ? r.pick([poisonString(r), "1", {}, true])
        : typeof old === "boolean"
          ? r.pick(["true", 1, poisonString(r)])
          : r.pick([poisonString(r), 7, "text"]);
  parent[key] = wrong;
  return { value: holder.root, what: `${path.join(".") || "(whole)"} ← ${JSON.stringify(wrong)?.slice(0, 30)}` };
}

export interface UiFuzzTarget {
  url: string;
  adminCookie: string;
}

/** The /ui namespace: handshakes without a valid session, and anything a signed-in browser might send (it may send nothing). */
export function uiNamespaceCases(target: UiFuzzTarget, signedIn: Socket, r: FuzzRandom, count: number): FuzzCase[] {
  return Array.from({ length: count }, (_, i): FuzzCase => {
    if (i % 4 === 0) {
      const cookie = r.pick(["outpost_session=%zz", "outpost_session=forged", "", `outpost_session=${"x".repeat(5000)}`, "outpost_session=%E0%A4%A"]);
      const auth = r.pick([undefined, { token: "opt_forged" }, { token: hostileValue(r) }]);
      return { label: `handshake cookie ${JSON.stringify(cookie.slice(0, 30))} auth ${JSON.stringify(auth)?.slice(0, 30)}`, send: () => handshake(`${target.url}/ui`, { cookie, auth }) };
    }
    const event = r.pick(["cluster:update", "subscribe", "ping", "agent:outbox", "__proto__", poisonString(r), "x".repeat(300)]);
    const payload = hostileValue(r);
    return { label: `event ${JSON.stringify(event.slice(0, 30))}`, send: () => emit(signedIn, event, payload) };
  });
}

export interface AgentFuzzTarget {
  url: string;
  clusterId: string;
  /** A connected hostile agent of a real cluster; the fuzz sends through it. */
  socket: Socket;
}

const now = () => new Date().toISOString();
const VALID: Record<string, () => unknown> = {
  "agent:heartbeat": () => ({ sentAt: Date.now(), lastRttMs: 12, missed: 0, queued: 0 }),
  "agent:hello": () => ({ agentVersion: "fuzz", queued: 0 }),
  "desired:applied": () => ({ generation: 1, ok: false, message: "failed" }),
  "agent:outbox": () => ({
    records: [
      { seq: 1_000_000, at: now(), kind: "change", change: { type: "ADDED", kind: "Pod", namespace: "default", name: "p", resourceVersion: "1", summary: "s" } },
      { seq: 1_000_001, at: now(), kind: "snapshot", snapshot: { k3sVersion: "v1", nodes: [{ name: "n", ready: true, roles: [], kubeletVersion: "v1", cpu: "1", memory: "1Gi" }], workloads: [], events: [], takenAt: now() } },
    ],
  }),
  "bundle:fetch": () => ({ bundleId: "b", blob: "0".repeat(64), offset: 0, length: 1 }),
  "bundle:status": () => ({ bundleId: "b", state: "fetching", haveBytes: 0, totalBytes: 1 }),
};

/**
 * The /agent namespace: handshakes with broken or forged credentials, then, from an authenticated
 * hostile agent, each event with one field broken, whole payloads replaced, and unknown events.
 */
export function agentNamespaceCases(target: AgentFuzzTarget, r: FuzzRandom, count: number): FuzzCase[] {
  const events = Object.keys(VALID);
  return Array.from({ length: count }, (_, i): FuzzCase => {
    if (i % 5 === 0) {
      const auth = r.pick([
        {},
        { clusterId: target.clusterId },
        { clusterId: target.clusterId, credential: "x".repeat(40), agentVersion: "fuzz" },
        { clusterId: poisonString(r), credential: poisonString(r), agentVersion: "fuzz" },
        { clusterId: hostileValue(r), credential: hostileValue(r), agentVersion: hostileValue(r) },
        { clusterId: "%zz", credential: "y".repeat(300), agentVersion: "" },
      ]);
      return { label: `handshake ${JSON.stringify(auth)?.slice(0, 60)}`, send: () => handshake(`${target.url}/agent`, { auth }) };
    }
    if (i % 5 === 1) {
      const event = r.pick(["agent:nope", "tunnel:open", "desired:update", poisonString(r), "constructor"]);
      return { label: `unknown event ${JSON.stringify(event)}`, send: () => emit(target.socket, event, hostileValue(r)) };
    }
    const event = r.pick(events);
    const broken = i % 5 === 2 ? { value: hostileValue(r), what: "whole payload" } : breakAt(VALID[event]!(), r);
    return { label: `${event}: ${broken.what}`, send: () => emit(target.socket, event, broken.value) };
  });
}
