import type { FleetPage, FleetQuery } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";
import { countFleet } from "./count-fleet";
import { countRecentOutages } from "./count-recent-outages";
import { fleetOrderBy } from "./fleet-order-by";
import { fleetWhere } from "./fleet-where";
import { clusterSummarySelect, toClusterSummary } from "./to-cluster-summary";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ListFleetPageOptions {
  /** The caller's access clause: the clusters they may see. */
  visible?: Prisma.ClusterWhereInput;
  now?: Date;
}

/**
 * One page of the fleet list: filtered, sorted and paged in SQL, with honest counters and the
 * version facet. A page past the end is answered with the last page (its number says so).
 */
export async function listFleetPage(db: Db, query: FleetQuery, opts: ListFleetPageOptions = {}): Promise<FleetPage> {
  const { where, facetWhere } = fleetWhere(db, query, opts.visible);
  const total = await db.cluster.count({ where });
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.pageSize)));
  const rows = await db.cluster.findMany({
    where,
    select: clusterSummarySelect,
    orderBy: fleetOrderBy(query),
    skip: (page - 1) * query.pageSize,
    take: query.pageSize,
  });
  const since = new Date((opts.now ?? new Date()).getTime() - DAY_MS);
  const outages = await countRecentOutages(db, rows.map((r) => r.id), since);
  const facets = await countFleet(db, facetWhere);
  return {
    items: rows.map((r) => ({ ...toClusterSummary(r), outages24h: outages.get(r.id) ?? 0 })),
    total,
    page,
    pageSize: query.pageSize,
    ...facets,
  };
}
