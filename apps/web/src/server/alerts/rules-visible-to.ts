import { ZLabels, matchesLabelSelector, parseStoredJson } from "@outpost/cluster-core";
import type { AlertRule, Prisma } from "../../../generated/prisma-sqlite";
import type { ServerContext } from "../context";
import type { Access } from "../access/access";
import { visibleSitesWhere } from "../access/visible-sites-where";
import { readAlertRule } from "./read-alert-rule";

/**
 * The rules a caller may see, like notifications, by the clusters they are about: a rule whose
 * scope can cover one of the caller's clusters — scope "all" (it fires for theirs too), a site
 * they may see (as the site list decides), a selector that matches a cluster they may see.
 * Rules about other sites or labels only are left out. `clusters` is visibleClustersWhere's
 * answer for the caller; callers who see every cluster see every rule.
 */
export async function rulesVisibleTo(ctx: Pick<ServerContext, "db">, access: Access, clusters: Prisma.ClusterWhereInput, rows: AlertRule[]): Promise<AlertRule[]> {
  if (Object.keys(clusters).length === 0) return rows;
  const [sites, visible] = await Promise.all([
    ctx.db.site.findMany({ where: visibleSitesWhere(access, clusters), select: { id: true } }),
    ctx.db.cluster.findMany({ where: clusters, select: { labels: true } }),
  ]);
  const siteIds = new Set(sites.map((s) => s.id));
  const labels = visible.map((c) => parseStoredJson(ZLabels, c.labels, {}));
  return rows.filter((row) => {
    const scope = readAlertRule(row).plan.scope;
    if (scope.kind === "all") return true;
    if (scope.kind === "site") return scope.siteId !== null && siteIds.has(scope.siteId);
    return labels.some((l) => matchesLabelSelector(l, scope.requirements));
  });
}
