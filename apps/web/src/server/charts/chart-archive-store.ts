import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";

const MAX_ARCHIVE_BYTES = 16 * 1024 * 1024;

/**
 * Chart archives live content-addressed in the centre's blob store (bundles/blob-store.ts),
 * named by their sha256, never in the database; a chart row names its archive by digest. These
 * two functions are the only place charts touch the store.
 */
export async function putChartArchive(ctx: Pick<ServerContext, "bundles">, bytes: Buffer): Promise<{ digest: string; size: number }> {
  const stored = await ctx.bundles.blobs.put(
    (async function* () {
      yield bytes;
    })(),
    { size: bytes.length, maxBytes: MAX_ARCHIVE_BYTES },
  );
  return { digest: stored.sha256, size: stored.size };
}

/** The archive with this digest (the store checked the bytes against the digest when it took them). */
export async function readChartArchiveBlob(ctx: Pick<ServerContext, "bundles">, digest: string): Promise<Buffer> {
  let stream;
  try {
    stream = await ctx.bundles.blobs.read(digest);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") throw new AppError("INTERNAL", `chart archive ${digest} is missing from the blob store`);
    throw err;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Removes the archive unless another chart version or a bundle still uses it. */
export async function releaseChartArchive(ctx: Pick<ServerContext, "bundles" | "db">, digest: string): Promise<void> {
  const [charts, bundleBlobs] = await Promise.all([ctx.db.chart.count({ where: { archiveDigest: digest } }), ctx.db.bundleBlob.count({ where: { sha256: digest } })]);
  if (charts === 0 && bundleBlobs === 0) await ctx.bundles.blobs.remove(digest);
}
