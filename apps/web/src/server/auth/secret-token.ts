import { createHash, randomBytes } from "node:crypto";

/**
 * Tokens are 32 random bytes with a prefix that says what they are (opt_ API token, ops_ session,
 * reg_ registration, agc_ agent credential, jnt_ node join, jns_ node join session), so a leaked one is recognisable in a scan. Only
 * the SHA-256 is stored: the tokens are high-entropy, so a fast hash suffices and lookups stay
 * indexed.
 */
export type TokenPrefix = "opt" | "ops" | "reg" | "agc" | "jnt" | "jns";

export function newSecretToken(prefix: TokenPrefix): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
