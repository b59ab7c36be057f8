import { AGENT_FEATURES } from "@outpost/cluster-core";
import type { CredentialHolder } from "../credentials/credential-holder";
import { AgentRejectedError } from "../errors/agent-error";
import type { Logger } from "../logging/logger";
import { formatDuration } from "../util/format-duration";
import { sleep } from "../util/sleep";
import type { AgentRuntime, AgentSession } from "./agent-session";
import { connectOnce } from "./connect-once";
import { ReconnectPolicy } from "./reconnect-policy";

export interface ConnectionLoopOptions {
  server: string;
  /** Read at every dial: a rotation during one connection is used by the next. */
  credentials: CredentialHolder;
  /** Where the credential lives, named in the message when the centre refuses it. */
  credentialFile: string;
  agentVersion: string;
  runtime: AgentRuntime;
  log: Logger;
  signal: AbortSignal;
  /** The session while connected, null otherwise (the run wires reconcile reports to it). */
  onSession?: (session: AgentSession | null) => void;
}

/** How the agent redials after a lost connection (full jitter); tests derive their waits from it. */
export const RECONNECT_BACKOFF = { baseMs: 1_000, capMs: 60_000, stableAfterMs: 30_000 } as const;

/**
 * Keeps the agent connected until `signal` aborts: dial, run a session, and after any loss dial
 * again with full-jitter backoff (1 s base, 60 s cap, reset after 30 s of healthy connection).
 * Throws AgentRejectedError when the centre refuses the credential.
 */
export async function runConnectionLoop({ server, credentials, credentialFile, agentVersion, runtime, log, signal, onSession }: ConnectionLoopOptions): Promise<void> {
  const policy = new ReconnectPolicy(RECONNECT_BACKOFF);
  try {
    while (!signal.aborted) {
      const credential = credentials.current();
      const outcome = await connectOnce({
        server,
        auth: { clusterId: credential.clusterId, credential: credential.credential, agentVersion, features: [...AGENT_FEATURES] },
        clusterName: credential.clusterName,
        runtime,
        log,
        signal,
        onSession: (s) => onSession?.(s),
      });
      if (outcome.kind === "stopped") return;
      if (outcome.kind === "rejected") {
        throw new AgentRejectedError(
          `the centre at ${server} refused this agent (${outcome.message}); if the cluster was removed, re-registered or its agent revoked, delete ${credentialFile} and register with a new token`,
          "AGENT_CREDENTIAL_INVALID",
        );
      }
      const delay = policy.nextDelay(outcome.kind === "closed" ? outcome.connectedForMs : null);
      if (outcome.kind === "closed") {
        log.warn({ reason: outcome.reason, connectedFor: formatDuration(outcome.connectedForMs), retryIn: formatDuration(delay) }, "disconnected; reconnecting");
      } else {
        log.warn({ server, reason: outcome.reason, retryIn: formatDuration(delay) }, "cannot connect; retrying");
      }
      if (!(await sleep(delay, signal))) return;
    }
  } finally {
    onSession?.(null);
  }
}
