import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ZAgentHandshake } from "@outpost/cluster-core";
import { AgentConfigError } from "../errors/agent-error";
import { isErrnoCode, writeFileDurably } from "../util/durable-fs";

export const CREDENTIAL_FILE_NAME = "credential.json";

/** What `credential.json` holds: the agent's identity towards the centre that issued it. */
export const ZStoredCredential = z.object({
  server: z.url({ protocol: /^https?$/ }),
  clusterId: ZAgentHandshake.shape.clusterId,
  clusterName: z.string().min(1).max(253),
  credential: ZAgentHandshake.shape.credential,
});
export type StoredCredential = z.infer<typeof ZStoredCredential>;

/** Path of the credential file inside a state directory. */
export function credentialPath(stateDir: string): string {
  return join(stateDir, CREDENTIAL_FILE_NAME);
}

/**
 * Reads `STATE_DIR/credential.json`; null when there is none yet. A file that exists but does
 * not parse is an error, not "absent": re-registering would need a new token, and silently
 * overwriting evidence of a broken disk helps nobody.
 */
export async function readStoredCredential(stateDir: string): Promise<StoredCredential | null> {
  const path = credentialPath(stateDir);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    if (isErrnoCode(err, "ENOENT")) return null;
    throw new AgentConfigError(`cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AgentConfigError(`${path} is corrupt (not JSON); delete it and register again with a new token`);
  }
  const parsed = ZStoredCredential.safeParse(json);
  if (!parsed.success) {
    // Name the fields only: the values may include the credential itself.
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "(root)"))].join(", ");
    throw new AgentConfigError(`${path} is corrupt (bad ${fields}); delete it and register again with a new token`);
  }
  return parsed.data;
}

/** Writes the credential crash-safely and never readable by others (0600; see durable-fs). */
export async function writeStoredCredential(stateDir: string, credential: StoredCredential): Promise<void> {
  await writeFileDurably(credentialPath(stateDir), `${JSON.stringify(ZStoredCredential.parse(credential), null, 2)}\n`);
}
