import { createPublicKey, verify } from "node:crypto";
import { BundleError } from "../bundle-error";
import { ZBundleSignature } from "../bundle-manifest";
import { bundleKeyId } from "./bundle-key-id";

/**
 * Checks that `signature` is the trusted key's ed25519 signature of the manifest's exact bytes.
 * Throws BundleError: BUNDLE_UNSIGNED (no signature), BUNDLE_FOREIGN_KEY (signed by another
 * key), BUNDLE_SIGNATURE_INVALID (malformed, or does not match the bytes).
 */
export function verifyBundleSignature(manifestText: string, signature: unknown, trustedPublicKey: string): void {
  if (signature === undefined || signature === null) throw new BundleError("BUNDLE_UNSIGNED", "the bundle is not signed: a bundle needs the centre's signature (manifest.sig)");
  const sig = ZBundleSignature.safeParse(signature);
  if (!sig.success) throw new BundleError("BUNDLE_SIGNATURE_INVALID", `the bundle's signature is malformed: ${sig.error.issues[0]?.message ?? "unreadable"}`);
  const trustedId = bundleKeyId(trustedPublicKey);
  if (sig.data.keyId !== trustedId) {
    throw new BundleError("BUNDLE_FOREIGN_KEY", `the bundle is signed by another key (key id ${sig.data.keyId}); this device trusts only the centre's key ${trustedId}`);
  }
  const key = createPublicKey({ key: Buffer.from(trustedPublicKey, "base64"), format: "der", type: "spki" });
  if (!verify(null, Buffer.from(manifestText, "utf8"), key, Buffer.from(sig.data.value, "base64"))) {
    throw new BundleError("BUNDLE_SIGNATURE_INVALID", `the bundle's signature does not match its manifest (key id ${trustedId}): the manifest was changed after signing, or the signature was forged`);
  }
}
