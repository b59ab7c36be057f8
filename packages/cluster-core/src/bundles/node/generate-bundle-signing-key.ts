import { generateKeyPairSync } from "node:crypto";
import { bundleKeyId } from "./bundle-key-id";

export interface BundleSigningKey {
  /** SPKI DER, base64: what agents pin. */
  publicKey: string;
  keyId: string;
  /** PKCS#8 PEM: keep it secret (encrypted at rest). */
  privateKeyPem: string;
}

/** A new ed25519 key pair for signing bundle manifests. */
export function generateBundleSigningKey(): BundleSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const spki = publicKey.export({ format: "der", type: "spki" }).toString("base64");
  return { publicKey: spki, keyId: bundleKeyId(spki), privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }).toString() };
}
