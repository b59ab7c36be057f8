import { z } from "zod";
import { ZIsoDate } from "../schemas/common";

/**
 * A bundle: everything a device needs (k3s binary, air-gap image tarballs, charts, manifests,
 * the agent) as a manifest listing content-addressed blobs. On disk (what `outpost bundle
 * create` writes and `outpost-agent import` reads):
 *
 *   DIR/manifest.json      the manifest, exactly the bytes that are signed
 *   DIR/manifest.sig       the centre's signature of those bytes (ZBundleSignature as JSON)
 *   DIR/blobs/<sha256>     each blob, named by the sha256 of its content
 *
 * Each blob also lists the sha256 of every `chunkBytes` piece, so a receiver can verify a
 * transfer chunk by chunk and resume from the last good chunk, long before the whole blob is in.
 */
export const BUNDLE_FORMAT_VERSION = 1;
export const BUNDLE_MANIFEST_FILE = "manifest.json";
export const BUNDLE_SIGNATURE_FILE = "manifest.sig";
export const BUNDLE_BLOBS_DIR = "blobs";
/** Chunk size used by `outpost bundle create` and the centre. */
export const DEFAULT_BUNDLE_CHUNK_BYTES = 1024 * 1024;
export const BUNDLE_LIMITS = { manifestBytes: 4 * 1024 * 1024, blobs: 1000, blobBytes: 64 * 1024 ** 3 } as const;

export const BUNDLE_BLOB_ROLES = ["k3s-binary", "airgap-images", "install-script", "chart", "manifest", "agent", "file"] as const;
export const ZBundleBlobRole = z.enum(BUNDLE_BLOB_ROLES);
export type BundleBlobRole = z.infer<typeof ZBundleBlobRole>;

export const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 is 64 lower-case hex digits");

export const ZBundleArch = z.enum(["amd64", "arm64", "arm"]);

const ZChunkBytes = z
  .number()
  .int()
  .min(64 * 1024)
  .max(16 * 1024 * 1024)
  .refine((n) => (n & (n - 1)) === 0, "chunkBytes is a power of two");

export const ZBundleBlob = z.object({
  sha256: ZSha256,
  size: z.number().int().min(0).max(BUNDLE_LIMITS.blobBytes),
  role: ZBundleBlobRole,
  /** Absolute path on the device (under the agent's --root); see checkBundleTarget. */
  target: z.string().min(2).max(1024),
  /** sha256 of each chunkBytes piece, in order (the last may be shorter); none for an empty blob. */
  chunks: z.array(ZSha256).max(BUNDLE_LIMITS.blobBytes / (64 * 1024)),
});
export type BundleBlob = z.infer<typeof ZBundleBlob>;

export const ZBundleManifest = z.object({
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  name: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "bundle names are lower-case letters, digits and '-'"),
  version: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9.+_-]*$/, "versions are letters, digits, '.', '+', '_', '-' (e.g. 1.36.3+k3s1)"),
  /** The k3s release the bundle carries or targets (e.g. v1.36.3+k3s1). */
  k3sVersion: z.string().max(64).regex(/^[A-Za-z0-9.+_-]*$/, "k3sVersion looks like v1.36.3+k3s1"),
  arch: ZBundleArch,
  createdAt: ZIsoDate,
  chunkBytes: ZChunkBytes,
  blobs: z.array(ZBundleBlob).max(BUNDLE_LIMITS.blobs),
});
export type BundleManifest = z.infer<typeof ZBundleManifest>;

/** The centre's ed25519 signature over the manifest's exact bytes. */
export const ZBundleSignature = z.object({
  algorithm: z.literal("ed25519"),
  /** First 16 hex digits of the sha256 of the signing public key (SPKI DER). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/, "keyId is 16 lower-case hex digits"),
  /** The 64-byte signature, base64. */
  value: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, "an ed25519 signature is 64 bytes of base64"),
});
export type BundleSignature = z.infer<typeof ZBundleSignature>;

/** An ed25519 public key as SPKI DER, base64 (what agents pin). */
export const ZBundlePublicKey = z.string().regex(/^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, "an ed25519 public key is 44 bytes of SPKI DER, base64");
