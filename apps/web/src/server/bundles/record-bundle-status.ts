import type { BundleHolding, BundleStatusReport } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { recordAuditEvent } from "../audit/record-audit-event";
import { refreshDesiredBundles } from "./refresh-desired-bundles";
import { parseBundleIds } from "./parse-bundle-ids";

/** Progress of a transfer is written at most this often; state changes are written at once. */
const PROGRESS_WRITE_EVERY_MS = 5_000;

/**
 * Takes an agent's report of the bundles it holds or is fetching: browsers see every report
 * live (no database work: agents report twice a second while they transfer); the database keeps
 * each cluster's holdings, state changes at once and byte counts every few seconds. A bundle
 * installed from a USB stick that no assignment gives the cluster gets an assignment of origin
 * "import", so the centre's picture matches the device.
 */
export async function recordBundleStatus(ctx: ServerContext, cluster: { id: string; name: string }, report: BundleStatusReport): Promise<void> {
  // Progress reaches only the browsers whose users may see this cluster.
  for (const h of report.bundles) {
    await ctx.live.bundleProgress(ctx.db, {
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

  const states = report.bundles.map((h) => `${h.bundleId}:${h.state}`).join(",");
  const last = ctx.bundles.lastStatus.get(cluster.id);
  const stateChanged = last?.states !== states;
  if (!stateChanged && Date.now() - last.writtenAt < PROGRESS_WRITE_EVERY_MS) return;

  const known = new Set((await ctx.db.bundle.findMany({ where: { id: { in: report.bundles.map((b) => b.bundleId) } }, select: { id: true } })).map((b) => b.id));
  const holdings = report.bundles.filter((h) => known.has(h.bundleId));
  await writeHoldings(ctx, cluster.id, holdings);
  ctx.bundles.lastStatus.set(cluster.id, { states, writtenAt: Date.now() });
  if (stateChanged) ctx.live.bundlesChanged();
  if (holdings.some((h) => h.localOnly && h.state === "installed")) await adoptImports(ctx, cluster, holdings);
}

async function writeHoldings(ctx: ServerContext, clusterId: string, holdings: BundleHolding[]): Promise<void> {
  await ctx.db.$transaction([
    ctx.db.clusterBundle.deleteMany({ where: { clusterId, bundleId: { notIn: holdings.map((h) => h.bundleId) } } }),
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
      return ctx.db.clusterBundle.upsert({ where: { clusterId_bundleId: { clusterId, bundleId: h.bundleId } }, create: { clusterId, bundleId: h.bundleId, ...data }, update: data });
    }),
  ]);
}

/** USB imports the desired state does not list yet become assignments (origin "import"). */
async function adoptImports(ctx: ServerContext, cluster: { id: string; name: string }, holdings: BundleHolding[]): Promise<void> {
  const row = await ctx.db.cluster.findUnique({ where: { id: cluster.id }, select: { desiredBundleIds: true } });
  if (!row) return;
  const wanted = new Set(parseBundleIds(row.desiredBundleIds));
  const imported = holdings.filter((h) => h.localOnly && h.state === "installed" && !wanted.has(h.bundleId));
  if (imported.length === 0) return;
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
  await refreshDesiredBundles(ctx, [cluster.id]);
  ctx.live.bundlesChanged();
}
