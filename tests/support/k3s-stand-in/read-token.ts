import { readFileSync } from "node:fs";
import type { K3sValues } from "./parse-k3s-command";

/** The token from --token, or from the file --token-file names (k3s reads either). */
export function readToken(values: K3sValues): string | null {
  if (typeof values.token === "string" && values.token.trim()) return values.token.trim();
  if (typeof values["token-file"] === "string" && values["token-file"]) {
    try {
      return readFileSync(values["token-file"], "utf8").trim() || null;
    } catch (err) {
      throw new Error(`cannot read --token-file ${values["token-file"]}: ${(err as Error).message}`);
    }
  }
  return null;
}
