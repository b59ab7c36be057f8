import { ZLabels, matchesLabelSelector, parseStoredJson } from "@outpost/cluster-core";
import type { Prisma } from "../../../generated/prisma-sqlite";
import type { ServerContext } from "../context";
import type { Access } from "./access";
import { visibleClustersWhere } from "./visible-clusters-where";

/**
 * The Prisma `where` that keeps only the devices the caller may see (deviceScopeFacts): those of
 * a visible cluster, and those without a cluster yet whose site or labels a grant covers. `{}`
 * for callers who see every cluster.
 */
export async function visibleDevicesWhere(ctx: Pick<ServerContext, "db">, access: Access): Promise<Prisma.DeviceWhereInput> {
  const clusters = await visibleClustersWhere(ctx, access);
  if (Object.keys(clusters).length === 0) return {};
  const siteIds = [...new Set(access.rules.flatMap((r) => (r.scope === "site" ? [r.siteId] : [])))];
  const selectors = access.rules.flatMap((r) => (r.scope === "selector" ? [r.requirements] : []));
  const anyOf: Prisma.DeviceWhereInput[] = [{ cluster: { is: clusters } }];
  if (siteIds.length > 0) anyOf.push({ clusterId: null, siteId: { in: siteIds } });
  if (selectors.length > 0) {
    const candidates = await ctx.db.device.findMany({
      where: { clusterId: null, ...(siteIds.length > 0 ? { siteId: { notIn: siteIds } } : {}) },
      select: { id: true, labels: true },
    });
    const ids = candidates.filter((d) => selectors.some((requirements) => matchesLabelSelector(parseStoredJson(ZLabels, d.labels, {}), requirements))).map((d) => d.id);
    if (ids.length > 0) anyOf.push({ id: { in: ids } });
  }
  return { OR: anyOf };
}
