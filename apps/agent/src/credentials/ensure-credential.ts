import { constants as fsConstants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { AgentConfigError } from "../errors/agent-error";
import type { AgentConfig } from "../cli/parse-args";
import type { Logger } from "../logging/logger";
import { credentialPath, readStoredCredential, writeStoredCredential, type StoredCredential } from "./credential-store";
import { registerAgent } from "./register-agent";
import { readRegistrationToken } from "./read-registration-token";
import { forgetRegistrationAttempt, registrationAttemptId } from "./registration-attempt";
import { writePinnedKey } from "../bundles/pinned-key";

export interface EnsureCredentialOptions {
  config: AgentConfig;
  agentVersion: string;
  log: Logger;
  signal: AbortSignal;
}

/**
 * The agent registers once per state directory: a stored credential is used as is; otherwise
 * the registration token is traded for one, which is saved before anything else happens (a
 * token is single-use, so losing the answer would strand the device). Null if stopped meanwhile.
 */
export async function ensureCredential({ config, agentVersion, log, signal }: EnsureCredentialOptions): Promise<StoredCredential | null> {
  const stored = await readStoredCredential(config.stateDir);
  if (stored) {
    if (stored.server.replace(/\/+$/, "") !== config.server) {
      // Same centre behind a new address is normal (DNS moves); a different centre will answer
      // with AGENT_CREDENTIAL_INVALID, which then stops the agent with a clear message.
      log.warn(`${credentialPath(config.stateDir)} was issued by ${stored.server}; using it with ${config.server}`);
    }
    log.info(`using stored credential for cluster ${stored.clusterName} (${stored.clusterId})`);
    return stored;
  }

  if (!config.registrationToken) {
    throw new AgentConfigError(
      `no credential in ${credentialPath(config.stateDir)} yet: pass --registration-token-file PATH (or set OUTPOST_REGISTRATION_TOKEN) to register`,
    );
  }
  const registrationToken = await readRegistrationToken(config.registrationToken);
  // Fail before spending the single-use token if its answer could not be kept.
  await assertWritableDirectory(config.stateDir);
  const attemptId = await registrationAttemptId(config.stateDir);
  log.info(`registering with ${config.server}`);
  const response = await registerAgent({
    server: config.server,
    request: { registrationToken, agentVersion, simulated: config.cluster.mode === "simulate", attemptId },
    log,
    signal,
  });
  if (!response) return null;

  const { bundleSigningKey, ...issued } = response;
  const credential: StoredCredential = { server: config.server, ...issued };
  try {
    // The key first: a credential is never usable without the key it came with.
    if (bundleSigningKey) {
      const pinned = await writePinnedKey(config.stateDir, bundleSigningKey);
      log.info({ keyId: pinned.keyId }, "pinned the centre's bundle signing key");
    }
    await writeStoredCredential(config.stateDir, credential);
  } catch (err) {
    throw new AgentConfigError(
      `registered as cluster ${response.clusterName}, but cannot save ${credentialPath(config.stateDir)}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  await forgetRegistrationAttempt(config.stateDir);
  log.info(`registered as cluster ${response.clusterName} (${response.clusterId}); credential saved to ${credentialPath(config.stateDir)}`);
  return credential;
}

async function assertWritableDirectory(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, fsConstants.W_OK);
  } catch (err) {
    throw new AgentConfigError(`state directory ${dir} is not writable: ${err instanceof Error ? err.message : String(err)}`);
  }
}
