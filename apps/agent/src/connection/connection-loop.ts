import type { ClusterDriver } from "@outpost/cluster-core";
import type { StoredCredential } from "../credentials/credential-store";
import { AgentRejectedError } from "../errors/agent-error";
import type { Logger } from "../logging/logger";
import type { LocalApi } from "../tunnel/local-api";
import { formatDuration } from "../util/format-duration";
import { sleep } from "../util/sleep";
import type { AgentSession } from "./agent-session";
import { connectOnce } from "./connect-once";
import { ReconnectPolicy } from "./reconnect-policy";

export interface ConnectionLoopOptions {
  server: string;
  credential: StoredCredential;
  /** Where the credential lives, named in the message when the centre refuses it. */
  credentialFile: string;
  agentVersion: string;
  driver: ClusterDriver;
  localApi: LocalApi | null;
  heartbeatIntervalMs: number;
  log: Logger;
  signal: AbortSignal;
}

/**
 * Keeps the agent connected until `signal` aborts: dial, run a session, and after any loss dial
 * again with full-jitter backoff (1 s base, 60 s cap, reset after 30 s of healthy connection).
 * Throws AgentRejectedError when the centre refuses the credential.
 */
export async function runConnectionLoop({ server, credential, credentialFile, agentVersion, driver, localApi, heartbeatIntervalMs, log, signal }: ConnectionLoopOptions): Promise<void> {
  const policy = new ReconnectPolicy({ baseMs: 1_000, capMs: 60_000, stableAfterMs: 30_000 });
  let session: AgentSession | null = null;
  // The driver watches for the whole run, so a reconnect does not restart (and re-list) watches.
  const stopWatch = driver.watch(() => session?.notifyChange());
  try {
    while (!signal.aborted) {
      const outcome = await connectOnce({
        server,
        auth: { clusterId: credential.clusterId, credential: credential.credential, agentVersion },
        clusterName: credential.clusterName,
        driver,
        localApi,
        heartbeatIntervalMs,
        log,
        signal,
        onSession: (s) => (session = s),
      });
      if (outcome.kind === "stopped") return;
      if (outcome.kind === "rejected") {
        throw new AgentRejectedError(
          `the centre at ${server} rejected this agent's credential (${outcome.message}); the cluster was probably removed or re-registered: delete ${credentialFile} and register with a new token`,
          "AGENT_CREDENTIAL_INVALID",
        );
      }
      const delay = policy.nextDelay(outcome.kind === "closed" ? outcome.connectedForMs : null);
      if (outcome.kind === "closed") {
        log.warn(`disconnected (${outcome.reason}) after ${formatDuration(outcome.connectedForMs)}; reconnecting in ${formatDuration(delay)}`);
      } else {
        log.warn(`cannot connect to ${server} (${outcome.reason}); retrying in ${formatDuration(delay)}`);
      }
      if (!(await sleep(delay, signal))) return;
    }
  } finally {
    stopWatch();
  }
}
