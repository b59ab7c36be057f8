import { ZLabels, matchesLabelSelector, parseStoredJson } from "@outpost/cluster-core";
import type { Prisma } from "../../../generated/prisma-sqlite";
import type { ServerContext } from "../context";
import type { Access } from "./access";

/**
 * The Prisma `where` that keeps only the clusters the caller's grants cover: AND it into every
 * cluster query, count and page. `{}` for callers who see every cluster. Site grants become a
 * `siteId IN (…)`; selector grants are matched here against each remaining cluster's labels
 * (labels are JSON text, which SQL cannot match alike on both providers), giving `id IN (…)`.
 */
export async function visibleClustersWhere(ctx: Pick<ServerContext, "db">, access: Access): Promise<Prisma.ClusterWhereInput> {
  if (access.rules.some((r) => r.scope === "all")) return {};
  const siteIds = [...new Set(access.rules.flatMap((r) => (r.scope === "site" ? [r.siteId] : [])))];
  const selectors = access.rules.flatMap((r) => (r.scope === "selector" ? [r.requirements] : []));
  const anyOf: Prisma.ClusterWhereInput[] = [];
  if (siteIds.length > 0) anyOf.push({ siteId: { in: siteIds } });
  if (selectors.length > 0) {
    const candidates = await ctx.db.cluster.findMany({
      where: siteIds.length > 0 ? { siteId: { notIn: siteIds } } : {},
      select: { id: true, labels: true },
    });
    const ids = candidates
      .filter((c) => {
        const labels = parseStoredJson(ZLabels, c.labels, {});
        return selectors.some((requirements) => matchesLabelSelector(labels, requirements));
      })
      .map((c) => c.id);
    if (ids.length > 0) anyOf.push({ id: { in: ids } });
  }
  // No grant at all: a condition no row meets.
  return anyOf.length > 0 ? { OR: anyOf } : { id: { in: [] } };
}
