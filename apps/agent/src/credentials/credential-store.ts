import { randomBytes } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { ZAgentHandshake } from "@outpost/cluster-core";
import { AgentConfigError } from "../errors/agent-error";

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

/**
 * Writes the credential so that a crash or power cut at any moment leaves either the old file or
 * the complete new one, never a torn one, and never a moment where it is readable by others:
 * temp file created 0600 → fsync → rename over → fsync the directory (makes the rename durable).
 */
export async function writeStoredCredential(stateDir: string, credential: StoredCredential): Promise<void> {
  const data = `${JSON.stringify(ZStoredCredential.parse(credential), null, 2)}\n`;
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const target = credentialPath(stateDir);
  const temp = join(stateDir, `.${CREDENTIAL_FILE_NAME}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    const file = await open(temp, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL, 0o600);
    try {
      // The umask can only remove bits, but be explicit in case the file system ignores the mode.
      await file.chmod(0o600);
      await file.writeFile(data, "utf8");
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDirectory(stateDir);
}

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, fsConstants.O_RDONLY);
  try {
    await handle.sync();
  } catch (err) {
    // Some file systems refuse fsync on directories; the rename itself already happened.
    if (!isErrnoCode(err, "EINVAL") && !isErrnoCode(err, "EISDIR")) throw err;
  } finally {
    await handle.close();
  }
}

function isErrnoCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === code;
}
