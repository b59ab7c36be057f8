import type { CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { refreshDesiredBundles } from "./refresh-desired-bundles";

/**
 * Deletes a bundle and its assignments (devices drop it from their stores), then removes from
 * the centre's store every blob of it that no other bundle references.
 */
export async function deleteBundle(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const bundle = await ctx.db.bundle.findUnique({ where: { id }, include: { blobs: { select: { sha256: true } } } });
  if (!bundle) throw new AppError("NOT_FOUND", `no bundle with id ${id}`);
  await ctx.db.bundle.delete({ where: { id } });
  await recordAuditEvent(ctx.db, actor, { action: "bundle.delete", targetType: "bundle", targetId: id, details: { name: bundle.name, version: bundle.version } });
  await refreshDesiredBundles(ctx);
  const shas = bundle.blobs.map((b) => b.sha256);
  const stillUsed = new Set((await ctx.db.bundleBlob.findMany({ where: { sha256: { in: shas } }, select: { sha256: true } })).map((b) => b.sha256));
  for (const sha of shas) if (!stillUsed.has(sha)) await ctx.bundles.blobs.remove(sha);
  ctx.live.bundlesChanged();
}
