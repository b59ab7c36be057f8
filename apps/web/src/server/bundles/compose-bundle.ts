import { BUNDLE_FORMAT_VERSION, DEFAULT_BUNDLE_CHUNK_BYTES, type BundleDetail, type CurrentUser, type ZComposeBundleRequest } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { createBundle } from "./create-bundle";
import { hashStoredBlob } from "./hash-stored-blob";

/**
 * A bundle from blobs already uploaded (the upload page): the centre writes the manifest from
 * the stored bytes (sizes, chunk digests), then accepts and signs it like any pushed bundle.
 */
export async function composeBundle(ctx: ServerContext, actor: CurrentUser, req: z.output<typeof ZComposeBundleRequest>): Promise<BundleDetail> {
  const blobs = [];
  for (const [i, b] of req.blobs.entries()) {
    if ((await ctx.bundles.blobs.size(b.sha256)) === null) throw new AppError("INVALID_INPUT", `file ${i + 1} (${b.target}) is not uploaded yet`, [{ path: `blobs.${i}.sha256`, message: "not uploaded" }]);
    const digest = await hashStoredBlob(ctx.bundles.blobs, b.sha256, DEFAULT_BUNDLE_CHUNK_BYTES);
    blobs.push({ sha256: digest.sha256, size: digest.size, role: b.role, target: b.target, chunks: digest.chunks });
  }
  const manifest = {
    formatVersion: BUNDLE_FORMAT_VERSION,
    name: req.name,
    version: req.version,
    k3sVersion: req.k3sVersion,
    arch: req.arch,
    createdAt: new Date().toISOString(),
    chunkBytes: DEFAULT_BUNDLE_CHUNK_BYTES,
    blobs,
  };
  return createBundle(ctx, actor, `${JSON.stringify(manifest, null, 2)}\n`);
}
