/**
 * A worker process of the reconnect bench: runs a slice of the fleet (a few hundred simulated
 * agents built from the real agent modules, see sim-agent.ts) and reports their connection events
 * and TCP dials to the parent. Started by scripts/bench/reconnect.ts with fork(); not run by hand.
 */
import { Socket } from "node:net";
import { join } from "node:path";
import type { StoredCredential } from "../../../apps/agent/src/credentials/credential-store";
import type { AgentEvent, FromWorker, ToWorker, WorkerAgentSpec } from "./protocol";
import { countingLogger, registerSimAgent, startSimAgent, type SimAgent, type SimAgentSettings } from "./sim-agent";
import { mapLimit, sleep } from "./stats";

// Every connection attempt of an agent is one TCP dial (websocket transport only, socket.io's own
// reconnection off): recording the start of every dial gives the attempt rate exactly, without
// touching the agent's code. Measurement only: the call is passed on unchanged.
const dials: number[] = [];
const originalConnect = Socket.prototype.connect;
Socket.prototype.connect = function (this: Socket, ...args: unknown[]) {
  dials.push(Date.now());
  return Reflect.apply(originalConnect, this, args) as Socket;
} as typeof originalConnect;

const send = (msg: FromWorker) => process.send?.(msg);
const events: AgentEvent[] = [];
const flush = () => {
  if (events.length === 0 && dials.length === 0) return;
  send({ type: "events", events: events.splice(0), dials: dials.splice(0) });
};
const flushTimer = setInterval(flush, 200);

const warnings = new Map<string, number>();
const log = countingLogger(warnings);
let settings: Omit<SimAgentSettings, "name" | "stateDir"> | undefined;
let stateRoot = "";
const registered: { spec: WorkerAgentSpec; credential: StoredCredential }[] = [];
const running: SimAgent[] = [];
let stopping = false;

const settingsFor = (spec: WorkerAgentSpec): SimAgentSettings => ({ ...settings!, name: spec.name, stateDir: join(stateRoot, spec.name) });

async function register(msg: Extract<ToWorker, { type: "register" }>): Promise<void> {
  settings = { server: msg.server, changeIntervalMs: msg.changeIntervalMs, heartbeatIntervalMs: msg.heartbeatIntervalMs, log };
  stateRoot = msg.stateRoot;
  const t0 = performance.now();
  const signal = AbortSignal.timeout(120_000);
  await mapLimit(msg.agents, msg.concurrency, async (spec) => {
    registered.push({ spec, credential: await registerSimAgent(settingsFor(spec), spec.registrationToken, signal) });
  });
  send({ type: "registered", count: registered.length, ms: performance.now() - t0 });
}

async function start(spreadMs: number): Promise<void> {
  const gap = registered.length > 1 ? spreadMs / registered.length : 0;
  for (const { spec, credential } of registered) {
    if (stopping) return;
    const agent = spec.index;
    const note = (kind: AgentEvent["kind"], t: number, detail?: string) => events.push({ agent, kind, t, ...(detail ? { detail } : {}) });
    running.push(
      await startSimAgent(settingsFor(spec), credential, {
        connected: (t) => note("connected", t),
        attemptEnded: (t, wasConnected) => note(wasConnected ? "disconnected" : "attempt-failed", t),
        loopEnded: (err) => {
          if (!stopping) note("loop-ended", Date.now(), err instanceof Error ? err.message : String(err));
        },
      }),
    );
    if (gap > 0) await sleep(gap);
  }
  send({ type: "started", count: running.length });
}

async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(running.map((a) => a.stop()));
  flush();
  clearInterval(flushTimer);
  send({ type: "stopped", warnings: [...warnings.entries()] });
  process.disconnect?.();
}

const fail = (err: unknown) => send({ type: "failed", message: err instanceof Error ? (err.stack ?? err.message) : String(err) });

process.on("message", (raw) => {
  const msg = raw as ToWorker;
  if (msg.type === "register") register(msg).catch(fail);
  else if (msg.type === "start") start(msg.spreadMs).catch(fail);
  else if (msg.type === "stop") stopAll().catch(fail);
});
// The parent went away (crashed or was killed): do not linger.
process.on("disconnect", () => {
  if (!stopping) process.exit(1);
  else setTimeout(() => process.exit(0), 100).unref();
});
