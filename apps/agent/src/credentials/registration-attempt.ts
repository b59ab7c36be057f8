import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { isErrnoCode, writeFileDurably } from "../util/durable-fs";

const ATTEMPT_FILE_NAME = "registration-attempt";

/**
 * The secret attempt id this agent registers with, kept in the state directory (0600) until its
 * credential is saved: a retry after a lost answer — a timeout, a cut link, the agent restarted
 * mid-request — proves it is the agent that spent the token, and the centre answers again.
 */
export async function registrationAttemptId(stateDir: string): Promise<string> {
  const path = join(stateDir, ATTEMPT_FILE_NAME);
  try {
    const kept = (await readFile(path, "utf8")).trim();
    if (/^[0-9a-f]{64}$/.test(kept)) return kept;
  } catch (err) {
    if (!isErrnoCode(err, "ENOENT")) throw err;
  }
  const id = randomBytes(32).toString("hex");
  await writeFileDurably(path, `${id}\n`);
  return id;
}

/** Once the credential is saved the attempt id has done its job. */
export async function forgetRegistrationAttempt(stateDir: string): Promise<void> {
  await rm(join(stateDir, ATTEMPT_FILE_NAME), { force: true });
}
