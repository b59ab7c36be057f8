import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";

/**
 * Chart archives, content-addressed on disk beside the database: DATA_DIR/blobs/sha256/<ab>/<digest>.
 * The one place that knows where blobs live, so it can move to a shared blob store as is.
 */
export function putChartArchive(ctx: Pick<ServerContext, "dataDir">, bytes: Buffer): { digest: string; size: number } {
  const digest = createHash("sha256").update(bytes).digest("hex");
  const file = blobPath(ctx.dataDir, digest);
  if (!existsSync(file)) {
    mkdirSync(join(file, ".."), { recursive: true });
    // Written under a temporary name and renamed: a crash never leaves a half blob under its digest.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  }
  return { digest, size: bytes.length };
}

/** The archive with this digest; a missing or damaged blob is an error that says so. */
export function readChartArchiveBlob(ctx: Pick<ServerContext, "dataDir">, digest: string): Buffer {
  const file = blobPath(ctx.dataDir, digest);
  if (!existsSync(file)) throw new AppError("INTERNAL", `chart archive ${digest} is missing from ${join(ctx.dataDir, "blobs")}`);
  const bytes = readFileSync(file);
  if (createHash("sha256").update(bytes).digest("hex") !== digest) throw new AppError("INTERNAL", `chart archive ${digest} is damaged on disk`);
  return bytes;
}

function blobPath(dataDir: string, digest: string): string {
  if (!/^[a-f0-9]{64}$/.test(digest)) throw new AppError("INVALID_INPUT", "not a sha256 digest");
  return join(dataDir, "blobs", "sha256", digest.slice(0, 2), digest);
}
