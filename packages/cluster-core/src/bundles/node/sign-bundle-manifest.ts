import { createPrivateKey, createPublicKey, sign } from "node:crypto";
import type { BundleSignature } from "../bundle-manifest";
import { bundleKeyId } from "./bundle-key-id";

/** Signs the manifest's exact bytes (UTF-8 of `manifestText`) with an ed25519 private key (PKCS#8 PEM). */
export function signBundleManifest(manifestText: string, privateKeyPem: string): BundleSignature {
  const key = createPrivateKey(privateKeyPem);
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`bundle signing keys are ed25519, not ${key.asymmetricKeyType}`);
  const spki = createPublicKey(key).export({ format: "der", type: "spki" }).toString("base64");
  return {
    algorithm: "ed25519",
    keyId: bundleKeyId(spki),
    value: sign(null, Buffer.from(manifestText, "utf8"), key).toString("base64"),
  };
}
