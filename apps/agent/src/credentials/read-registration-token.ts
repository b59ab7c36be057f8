import { readFile } from "node:fs/promises";
import type { AgentConfig } from "../cli/parse-args";
import { checkRegistrationToken } from "../cli/parse-args";
import { AgentConfigError } from "../errors/agent-error";

/** The one-time token from OUTPOST_REGISTRATION_TOKEN or from --registration-token-file (surrounding whitespace ignored). */
export async function readRegistrationToken(source: NonNullable<AgentConfig["registrationToken"]>): Promise<string> {
  if (source.from === "env") return source.token;
  let text: string;
  try {
    text = await readFile(source.path, "utf8");
  } catch (err) {
    throw new AgentConfigError(`cannot read the registration token file ${source.path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return checkRegistrationToken(text.trim(), `the registration token file ${source.path}`);
}
