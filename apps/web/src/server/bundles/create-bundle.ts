import { BundleError, parseBundleManifest, type BundleDetail, type CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { bundleIdOf } from "@outpost/cluster-core/node";
import { bundleSigner } from "./bundle-signer";
import { getBundleDetail } from "./get-bundle-detail";
import { hashStoredBlob } from "./hash-stored-blob";

/**
 * Accepts a bundle whose blobs are all uploaded: checks the manifest (schema, targets), then
 * every blob against the centre's copy (size, sha256 and each chunk's sha256, re-read from
 * disk), signs the manifest's exact text and records it. Nothing is stored if anything is off.
 */
export async function createBundle(ctx: ServerContext, actor: CurrentUser, manifestText: string): Promise<BundleDetail> {
  let manifest;
  try {
    manifest = parseBundleManifest(manifestText);
  } catch (err) {
    if (err instanceof BundleError) throw new AppError("INVALID_INPUT", err.message);
    throw err;
  }
  if (await ctx.db.bundle.findUnique({ where: { name_version: { name: manifest.name, version: manifest.version } } })) {
    throw new AppError("CONFLICT", `bundle ${manifest.name} ${manifest.version} already exists; give the new one another version`);
  }
  const checked = new Set<string>();
  for (const blob of manifest.blobs) {
    if (checked.has(blob.sha256)) continue;
    checked.add(blob.sha256);
    const size = await ctx.bundles.blobs.size(blob.sha256);
    if (size === null) throw new AppError("INVALID_INPUT", `blob ${blob.sha256} (${blob.target}) is not uploaded: upload it first (outpost bundle push does)`);
    if (size !== blob.size) throw new AppError("INVALID_INPUT", `blob ${blob.sha256} (${blob.target}) is ${size} bytes at the centre, the manifest says ${blob.size}`);
    const digest = await hashStoredBlob(ctx.bundles.blobs, blob.sha256, manifest.chunkBytes);
    if (digest.sha256 !== blob.sha256) throw new AppError("INTERNAL", `the centre's copy of blob ${blob.sha256} is damaged (it hashes to ${digest.sha256})`);
    const bad = digest.chunks.findIndex((c, i) => c !== blob.chunks[i]);
    if (bad >= 0) throw new AppError("INVALID_INPUT", `blob ${blob.sha256} (${blob.target}): chunk ${bad} has sha256 ${digest.chunks[bad]}, the manifest says ${blob.chunks[bad]}`);
  }

  const signer = await bundleSigner(ctx);
  const signature = signer.sign(manifestText);
  const unique = new Map(manifest.blobs.map((b) => [b.sha256, b.size]));
  const totalBytes = [...unique.values()].reduce((a, b) => a + b, 0);
  const bundle = await ctx.db.bundle.create({
    data: {
      id: bundleIdOf(manifestText),
      name: manifest.name,
      version: manifest.version,
      k3sVersion: manifest.k3sVersion,
      arch: manifest.arch,
      manifest: manifestText,
      signature: JSON.stringify(signature),
      keyId: signature.keyId,
      blobCount: manifest.blobs.length,
      totalBytes: BigInt(totalBytes),
      createdById: actor.id,
      createdByName: actor.username,
      blobs: { create: [...unique].map(([sha256, size]) => ({ sha256, size: BigInt(size) })) },
    },
  }).catch((err: unknown) => {
    if ((err as { code?: string }).code === "P2002") throw new AppError("CONFLICT", `bundle ${manifest.name} ${manifest.version} already exists`);
    throw err;
  });
  await recordAuditEvent(ctx.db, actor, {
    action: "bundle.create",
    targetType: "bundle",
    targetId: bundle.id,
    details: { name: manifest.name, version: manifest.version, blobs: manifest.blobs.length, bytes: totalBytes, keyId: signature.keyId },
  });
  ctx.live.bundlesChanged();
  return getBundleDetail(ctx.db, bundle.id);
}
