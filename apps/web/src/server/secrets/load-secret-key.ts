import { readFileSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { SecretBoxError } from "./secret-box";

export interface LoadedSecretKey {
  key: Buffer;
  /** Where it came from, for the start-up log (never the key itself). */
  source: string;
}

/**
 * The key that seals secrets at rest: OUTPOST_SECRET_KEY (32 bytes, base64 or hex) when set,
 * else the key file beside the database, generated (mode 0600) on first start. Losing the key
 * loses the sealed secrets, so a damaged value stops start-up instead of making a new one.
 */
export function loadSecretKey(opts: { envValue?: string; keyFile: string }): LoadedSecretKey {
  if (opts.envValue) return { key: decodeKey(opts.envValue, "OUTPOST_SECRET_KEY"), source: "OUTPOST_SECRET_KEY" };
  let text: string;
  try {
    text = readFileSync(opts.keyFile, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    const key = randomBytes(32);
    // wx: if another process created it meanwhile, fail rather than overwrite its key.
    writeFileSync(opts.keyFile, `${key.toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return { key, source: `${opts.keyFile} (generated)` };
  }
  const mode = statSync(opts.keyFile).mode & 0o077;
  const warning = mode !== 0 ? `; warning: it is readable by other users (chmod 600 ${opts.keyFile})` : "";
  return { key: decodeKey(text.trim(), opts.keyFile), source: `${opts.keyFile}${warning}` };
}

function decodeKey(value: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
  if (key.byteLength !== 32 || (!/^[0-9a-f]{64}$/i.test(value) && key.toString("base64") !== value)) {
    throw new SecretBoxError(`${where} must hold a 32-byte key, base64 or hex (make one with: openssl rand -base64 32)`);
  }
  return key;
}
