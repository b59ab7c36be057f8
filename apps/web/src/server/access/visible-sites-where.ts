import type { Prisma } from "../../../generated/prisma-sqlite";
import type { Access } from "./access";

/**
 * The Prisma `where` that keeps only the sites the caller may see: those a site grant names,
 * and those holding a cluster the caller can see. `{}` for callers who see every cluster.
 * `clusters` is visibleClustersWhere's answer for the same caller.
 */
export function visibleSitesWhere(access: Access, clusters: Prisma.ClusterWhereInput): Prisma.SiteWhereInput {
  if (access.rules.some((r) => r.scope === "all")) return {};
  const siteIds = [...new Set(access.rules.flatMap((r) => (r.scope === "site" ? [r.siteId] : [])))];
  return { OR: [{ id: { in: siteIds } }, { clusters: { some: clusters } }] };
}

