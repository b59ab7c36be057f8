import { createPrivateKey } from "node:crypto";
import type { BundleSignature } from "@outpost/cluster-core";
import { generateBundleSigningKey, signBundleManifest } from "@outpost/cluster-core/node";
import type { ServerContext } from "../context";
import { log } from "../logging/log";

export interface BundleSigner {
  keyId: string;
  /** SPKI DER, base64: what agents pin at registration. */
  publicKey: string;
  sign(manifestText: string): BundleSignature;
}

const KEY_ROW = "bundles";
/** Bound to the sealed key: a sealed value copied from elsewhere does not open as this key. */
const PURPOSE = "bundle-signing-key";

/**
 * The centre's bundle signing key, generated on first start. The private key is stored sealed
 * by the secret box and is opened once into memory; it is never logged or sent anywhere.
 */
export function bundleSigner(ctx: ServerContext): Promise<BundleSigner> {
  ctx.bundles.signer ??= loadOrCreate(ctx).catch((err: unknown) => {
    ctx.bundles.signer = undefined;
    throw err;
  });
  return ctx.bundles.signer;
}

async function loadOrCreate(ctx: ServerContext): Promise<BundleSigner> {
  let row = await ctx.db.signingKey.findUnique({ where: { id: KEY_ROW } });
  if (!row) {
    const fresh = generateBundleSigningKey();
    const sealedPrivateKey = ctx.secrets.seal(fresh.privateKeyPem, PURPOSE);
    // Another replica may create it at the same moment: the first row wins, everyone uses it.
    await ctx.db.signingKey.createMany({ data: [{ id: KEY_ROW, keyId: fresh.keyId, publicKey: fresh.publicKey, sealedPrivateKey }] }).catch(() => undefined);
    row = await ctx.db.signingKey.findUniqueOrThrow({ where: { id: KEY_ROW } });
    if (row.keyId === fresh.keyId) log.info({ keyId: fresh.keyId }, "generated the bundle signing key");
  }
  const pem = ctx.secrets.open(row.sealedPrivateKey, PURPOSE).toString("utf8");
  // Fail at start, not at the first upload, if the sealed key cannot be used.
  createPrivateKey(pem);
  const { keyId, publicKey } = row;
  return { keyId, publicKey, sign: (text) => signBundleManifest(text, pem) };
}
