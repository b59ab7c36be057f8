import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Seals secrets kept at rest (SSH keys and passwords, the bundle signing key) with AES-256-GCM.
 * `purpose` (e.g. `device:<id>:ssh-key`) is bound to the ciphertext as associated data, so a
 * sealed value copied into another row or field does not open there.
 */
export interface SecretBox {
  seal(plaintext: string | Uint8Array, purpose: string): string;
  /** Throws SecretBoxError if the value was not sealed with this key for this purpose. */
  open(sealed: string, purpose: string): Buffer;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretBoxError";
  }
}

const VERSION = "v1";

export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.byteLength !== 32) throw new SecretBoxError("the secret key must be 32 bytes");
  return {
    seal(plaintext, purpose) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(purpose));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },
    open(sealed, purpose) {
      const [version, iv, tag, body, ...rest] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || body === undefined || rest.length > 0) throw new SecretBoxError("not a sealed secret");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(purpose));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
      } catch {
        throw new SecretBoxError("a sealed secret does not open with this centre's secret key (was OUTPOST_SECRET_KEY or the key file changed?)");
      }
    },
  };
}
