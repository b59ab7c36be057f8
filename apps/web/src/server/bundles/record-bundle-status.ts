import { ZLabels, parseStoredJson, type BundleStatusReport } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { refreshDesiredBundles } from "./refresh-desired-bundles";
import { parseBundleIds } from "./parse-bundle-ids";

/** Progress of a transfer is written at most this often; state changes are written at once. */
const PROGRESS_WRITE_EVERY_MS = 5_000;

/**
 * Takes an agent's report of the bundles it holds or is fetching: browsers see every report
 * live; the database keeps each cluster's holdings (state changes at once, byte counts every few
 * seconds). A bundle installed from a USB stick that no assignment gives the cluster gets an
 * assignment of origin "import", so the centre's picture matches the device.
 */
export async function recordBundleStatus(ctx: ServerContext, cluster: { id: string; name: string }, report: BundleStatusReport): Promise<void> {
  const ids = report.bundles.map((b) => b.bundleId);
  const [known, rows, row] = await Promise.all([
    ctx.db.bundle.findMany({ where: { id: { in: ids } }, select: { id: true } }),
    ctx.db.clusterBundle.findMany({ where: { clusterId: cluster.id }, select: { bundleId: true, state: true } }),
    ctx.db.cluster.findUnique({ where: { id: cluster.id }, select: { desiredBundleIds: true, siteId: true, labels: true } }),
  ]);
  if (!row) return;
  const knownIds = new Set(known.map((k) => k.id));
  const holdings = report.bundles.filter((h) => knownIds.has(h.bundleId));
  // Progress reaches only the browsers whose users may see this cluster.
  const facts = { siteId: row.siteId, labels: parseStoredJson(ZLabels, row.labels, {}) };
  for (const h of holdings) {
    ctx.live.bundleProgress(facts, {
      bundleId: h.bundleId,
      clusterId: cluster.id,
      clusterName: cluster.name,
      state: h.state,
      bytesDone: h.bytesDone,
      bytesTotal: h.bytesTotal,
      bytesFetched: h.bytesFetched,
      message: h.message,
      origin: h.origin,
      updatedAt: new Date(h.updatedAt).toISOString(),
    });
  }

  const stored = new Map(rows.map((r) => [r.bundleId, r.state]));
  const stateChanged = holdings.some((h) => stored.get(h.bundleId) !== h.state) || rows.some((r) => !holdings.some((h) => h.bundleId === r.bundleId));
  const last = ctx.bundles.statusWrittenAt.get(cluster.id) ?? 0;
  if (stateChanged || Date.now() - last >= PROGRESS_WRITE_EVERY_MS) {
    ctx.bundles.statusWrittenAt.set(cluster.id, Date.now());
    await ctx.db.$transaction([
      ctx.db.clusterBundle.deleteMany({ where: { clusterId: cluster.id, bundleId: { notIn: holdings.map((h) => h.bundleId) } } }),
      ...holdings.map((h) => {
        const data = {
          state: h.state,
          bytesDone: BigInt(h.bytesDone),
          bytesTotal: BigInt(h.bytesTotal),
          bytesFetched: BigInt(h.bytesFetched),
          message: h.message,
          origin: h.origin,
          updatedAt: new Date(h.updatedAt),
        };
        return ctx.db.clusterBundle.upsert({ where: { clusterId_bundleId: { clusterId: cluster.id, bundleId: h.bundleId } }, create: { clusterId: cluster.id, bundleId: h.bundleId, ...data }, update: data });
      }),
    ]);
    if (stateChanged) ctx.live.bundlesChanged();
  }

  const wanted = new Set(parseBundleIds(row.desiredBundleIds));
  const imported = holdings.filter((h) => h.localOnly && h.state === "installed" && !wanted.has(h.bundleId));
  for (const h of imported) {
    if (await ctx.db.bundleAssignment.findFirst({ where: { bundleId: h.bundleId, clusterId: cluster.id } })) continue;
    await ctx.db.bundleAssignment.create({ data: { bundleId: h.bundleId, clusterId: cluster.id, origin: "import" } });
    await recordAuditEvent(ctx.db, { id: null, username: `agent:${cluster.name}` }, {
      action: "bundle.imported",
      targetType: "bundle",
      targetId: h.bundleId,
      details: { clusterId: cluster.id, bundle: `${h.name} ${h.version}` },
    });
  }
  if (imported.length > 0) {
    await refreshDesiredBundles(ctx, [cluster.id]);
    ctx.live.bundlesChanged();
  }
}
