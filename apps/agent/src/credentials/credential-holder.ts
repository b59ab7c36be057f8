import { writeStoredCredential, type StoredCredential } from "./credential-store";

/** The agent's credential for the whole run; a rotation replaces it on disk first, then in memory. */
export interface CredentialHolder {
  current(): StoredCredential;
  /** Saves the new secret durably (0600, crash-safe) and uses it from the next connection on. */
  replace(credential: string): Promise<void>;
}

export function createCredentialHolder(stateDir: string, initial: StoredCredential): CredentialHolder {
  let held = initial;
  return {
    current: () => held,
    async replace(credential) {
      const next = { ...held, credential };
      await writeStoredCredential(stateDir, next);
      held = next;
    },
  };
}
