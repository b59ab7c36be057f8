/**
 * One simulated agent assembled from the real agent modules, as apps/agent/src/run-agent.ts does
 * it (SimDriver → AgentReporter → durable Outbox, DesiredStateStore + Reconciler, then
 * runConnectionLoop), minus the process around it (argument parsing, signals, exit codes), so that
 * hundreds of them can share one Node process. Reconnect timing is the agent's own: this file never
 * dials or waits itself.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { DesiredApplied } from "@outpost/cluster-core";
import { DEFAULT_K3S_TOKEN_FILE, type AgentConfig } from "../../../apps/agent/src/cli/parse-args";
import type { AgentSession } from "../../../apps/agent/src/connection/agent-session";
import { runConnectionLoop } from "../../../apps/agent/src/connection/connection-loop";
import { credentialPath, type StoredCredential } from "../../../apps/agent/src/credentials/credential-store";
import { ensureCredential } from "../../../apps/agent/src/credentials/ensure-credential";
import { createCredentialHolder } from "../../../apps/agent/src/credentials/credential-holder";
import { AppliedObjectsStore } from "../../../apps/agent/src/desired/applied-objects-store";
import { DesiredStateStore } from "../../../apps/agent/src/desired/desired-state-store";
import { Reconciler } from "../../../apps/agent/src/desired/reconciler";
import { SimDriver } from "../../../apps/agent/src/drivers/sim-driver";
import type { LogFields, Logger } from "../../../apps/agent/src/logging/logger";
import { Outbox } from "../../../apps/agent/src/outbox/outbox";
import { AgentReporter } from "../../../apps/agent/src/reporting/agent-reporter";
import { AGENT_VERSION } from "../../../apps/agent/src/version";
import { BundleManager } from "../../../apps/agent/src/bundles/bundle-manager";
import { DeviceBundleStore } from "../../../apps/agent/src/bundles/device-bundle-store";

export interface SimAgentSettings {
  server: string;
  name: string;
  stateDir: string;
  /** SimDriver's mean time between changes. */
  changeIntervalMs: number;
  heartbeatIntervalMs: number;
  log: Logger;
}

/** What the connection loop did, as seen through its onSession hook. */
export interface ConnectionObserver {
  /** A socket.io connection came up (handshake accepted by the centre). */
  connected(t: number): void;
  /** One connection attempt ended; `wasConnected` tells a lost connection from a failed dial. */
  attemptEnded(t: number, wasConnected: boolean): void;
  /** The loop is over: stopped (no error) or the centre refused the credential. */
  loopEnded(error: unknown): void;
}

export interface SimAgent {
  readonly name: string;
  readonly credential: StoredCredential;
  readonly driver: SimDriver;
  readonly outbox: Outbox;
  /** Settles when the connection loop ends (stop(), or the centre rejected the credential). */
  readonly loop: Promise<void>;
  stop(): Promise<void>;
}

function configFor(s: SimAgentSettings, registrationToken: string | undefined): AgentConfig {
  return {
    server: s.server,
    registrationToken: registrationToken === undefined ? undefined : { from: "env", token: registrationToken },
    cluster: { mode: "simulate", name: s.name, changeIntervalMs: s.changeIntervalMs },
    stateDir: s.stateDir,
    heartbeatIntervalMs: s.heartbeatIntervalMs,
    outboxMaxBytes: 32 * 1024 * 1024,
    reconcileIntervalMs: 30_000,
    root: join(s.stateDir, "root"),
    k3sTokenFile: DEFAULT_K3S_TOKEN_FILE,
  };
}

/** The agent's real registration (ensureCredential → POST /api/v1/agent/register, credential.json). */
export async function registerSimAgent(s: SimAgentSettings, registrationToken: string, signal: AbortSignal): Promise<StoredCredential> {
  const credential = await ensureCredential({ config: configFor(s, registrationToken), agentVersion: AGENT_VERSION, log: s.log, signal });
  if (!credential) throw new Error(`registration of ${s.name} was stopped`);
  return credential;
}

/** Starts recording and the connection loop; `observer` hears every connect and every attempt's end. */
export async function startSimAgent(s: SimAgentSettings, credential: StoredCredential, observer: ConnectionObserver): Promise<SimAgent> {
  const { log } = s;
  const stop = new AbortController();
  const driver = new SimDriver({ name: s.name, changeIntervalMs: s.changeIntervalMs, log });
  const outbox = await Outbox.open(join(s.stateDir, "outbox"), { maxBytes: configFor(s, undefined).outboxMaxBytes, logger: log });
  const reporter = new AgentReporter(outbox, driver, log);
  let session: AgentSession | null = null;
  let latestReport: DesiredApplied | null = null;
  const desiredStore = await DesiredStateStore.open(s.stateDir);
  const reconciler = new Reconciler({
    driver,
    store: desiredStore,
    applied: await AppliedObjectsStore.open(s.stateDir),
    intervalMs: configFor(s, undefined).reconcileIntervalMs,
    log,
    onDrift: (change) => void reporter.recordChange(change),
    onApplied: (report) => {
      latestReport = report;
      session?.reportDesired(report);
    },
  });
  await mkdir(configFor(s, undefined).root, { recursive: true });
  const bundles = new BundleManager({
    store: await DeviceBundleStore.open(s.stateDir),
    root: configFor(s, undefined).root,
    stateDir: s.stateDir,
    desired: () => desiredStore.current()?.bundles,
    log,
  });
  reporter.start();
  reconciler.start();
  bundles.start();

  let inAttemptConnected = false;
  const credentials = createCredentialHolder(s.stateDir, credential);
  const loop = runConnectionLoop({
    server: s.server,
    credentials,
    credentialFile: credentialPath(s.stateDir),
    agentVersion: AGENT_VERSION,
    runtime: {
      reporter,
      reconciler,
      bundles,
      latestDesiredReport: () => latestReport,
      localApi: null,
      heartbeatIntervalMs: s.heartbeatIntervalMs,
      agentVersion: AGENT_VERSION,
      credentials,
      k3sTokenFile: DEFAULT_K3S_TOKEN_FILE,
      log,
    },
    log,
    signal: stop.signal,
    // connectOnce hands over the session on "connect" and null exactly once when the attempt
    // ends (failed dial, lost connection or stop); the loop's own final null comes after stop.
    onSession: (next) => {
      const t = Date.now();
      if (next) {
        inAttemptConnected = true;
        observer.connected(t);
      } else if (!stop.signal.aborted) {
        observer.attemptEnded(t, inAttemptConnected);
        inAttemptConnected = false;
      }
      session = next;
    },
  });
  loop.then(
    () => observer.loopEnded(undefined),
    (err: unknown) => observer.loopEnded(err),
  );

  return {
    name: s.name,
    credential,
    driver,
    outbox,
    loop,
    async stop() {
      stop.abort();
      await loop.catch(() => undefined);
      reconciler.stop();
      bundles.close();
      reporter.stop();
      await outbox.close().catch(() => undefined);
      await driver.close().catch(() => undefined);
    },
  };
}

/**
 * A Logger that keeps nothing but counts warnings and errors by kind (numbers, addresses and
 * cluster names blanked out), so a thousand agents do not flood the terminal but oddities show.
 */
export function countingLogger(counts: Map<string, number>): Logger {
  const count = (level: string, fieldsOrMessage: LogFields | string, text?: string) => {
    // A record's reason tells kinds apart ("disconnected; reconnecting (transport close)").
    const message = typeof fieldsOrMessage === "string" ? fieldsOrMessage : `${text ?? ""}${"reason" in fieldsOrMessage ? ` (${String(fieldsOrMessage.reason)})` : ""}`;
    const kind = `${level} ${message.replace(/\bbench-\d+\b/g, "<cluster>").replace(/\d+(?:\.\d+)*/g, "#")}`.slice(0, 200);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  };
  return {
    info: () => {},
    warn: (f, m) => count("WARN", f, m),
    error: (f, m) => count("ERROR", f, m),
  };
}
