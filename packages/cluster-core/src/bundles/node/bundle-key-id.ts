import { createHash } from "node:crypto";

/** A short, stable name for a signing key: the first 16 hex digits of sha256(SPKI DER). */
export function bundleKeyId(publicKeyBase64: string): string {
  return createHash("sha256").update(Buffer.from(publicKeyBase64, "base64")).digest("hex").slice(0, 16);
}
