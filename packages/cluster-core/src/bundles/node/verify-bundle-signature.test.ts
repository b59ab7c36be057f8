import { describe, expect, it } from "vitest";
import { ZBundlePublicKey } from "../bundle-manifest";
import { generateBundleSigningKey } from "./generate-bundle-signing-key";
import { signBundleManifest } from "./sign-bundle-manifest";
import { verifyBundleSignature } from "./verify-bundle-signature";

const text = JSON.stringify({ formatVersion: 1, name: "shop-base", blobs: [] });
const centre = generateBundleSigningKey();
const other = generateBundleSigningKey();

describe("bundle signatures", () => {
  it("a manifest signed by the trusted key verifies", () => {
    const sig = signBundleManifest(text, centre.privateKeyPem);
    expect(sig.keyId).toBe(centre.keyId);
    expect(() => verifyBundleSignature(text, sig, centre.publicKey)).not.toThrow();
  });

  it("the public key has the pinned form (SPKI DER, base64)", () => {
    expect(ZBundlePublicKey.safeParse(centre.publicKey).success).toBe(true);
  });

  it("refuses an unsigned manifest", () => {
    expect(() => verifyBundleSignature(text, undefined, centre.publicKey)).toThrow(expect.objectContaining({ code: "BUNDLE_UNSIGNED" }));
  });

  it("refuses a manifest signed by another key, naming both key ids", () => {
    const sig = signBundleManifest(text, other.privateKeyPem);
    expect(() => verifyBundleSignature(text, sig, centre.publicKey)).toThrow(
      expect.objectContaining({ code: "BUNDLE_FOREIGN_KEY", message: expect.stringContaining(`key id ${other.keyId}`) }),
    );
  });

  it("refuses another key's signature that claims the trusted key's id", () => {
    const sig = { ...signBundleManifest(text, other.privateKeyPem), keyId: centre.keyId };
    expect(() => verifyBundleSignature(text, sig, centre.publicKey)).toThrow(expect.objectContaining({ code: "BUNDLE_SIGNATURE_INVALID" }));
  });

  it("refuses a manifest changed after signing (one byte)", () => {
    const sig = signBundleManifest(text, centre.privateKeyPem);
    expect(() => verifyBundleSignature(text.replace("shop-base", "shop-bass"), sig, centre.publicKey)).toThrow(
      expect.objectContaining({ code: "BUNDLE_SIGNATURE_INVALID", message: expect.stringMatching(/does not match its manifest/) }),
    );
  });

  it("refuses a malformed signature", () => {
    expect(() => verifyBundleSignature(text, { algorithm: "rsa", keyId: centre.keyId, value: "x" }, centre.publicKey)).toThrow(expect.objectContaining({ code: "BUNDLE_SIGNATURE_INVALID", message: expect.stringMatching(/malformed/) }));
  });
});
