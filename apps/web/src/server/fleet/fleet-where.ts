import { LabelSelectorError, parseLabelSelector, type FleetQuery } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";
import { AppError } from "../errors/app-error";
import { labelSelectorWhere } from "./label-selector-where";
import { problemWhere } from "./problem-where";

export interface FleetWhere {
  /** Clusters matching the whole query. */
  where: Prisma.ClusterWhereInput;
  /** The same without the status and problem filters: what the counters count. */
  facetWhere: Prisma.ClusterWhereInput;
}

/**
 * The one place a fleet query becomes SQL filters. `visible` is the caller's access clause
 * (the clusters they may see); it is ANDed here, so every list, count and facet honours it.
 */
export function fleetWhere(db: Db, query: Pick<FleetQuery, "q" | "status" | "site" | "k3s" | "selector" | "problem">, visible: Prisma.ClusterWhereInput = {}): FleetWhere {
  let requirements;
  try {
    requirements = parseLabelSelector(query.selector);
  } catch (err) {
    if (err instanceof LabelSelectorError) throw new AppError("INVALID_INPUT", `label selector: ${err.message}`, [{ path: "selector", message: err.message }]);
    throw err;
  }
  const facets: Prisma.ClusterWhereInput[] = [visible, ...labelSelectorWhere(requirements)];
  const text = query.q.toLowerCase();
  if (text) {
    facets.push({
      OR: [
        { name: { contains: text } },
        { site: { name: { contains: text } } },
        { k3sVersion: { contains: text } },
        { labelRows: { some: { OR: [{ key: { contains: text } }, { value: { contains: text } }] } } },
        { workloads: { some: { OR: [{ name: { contains: text } }, { images: { contains: text } }] } } },
      ],
    });
  }
  if (query.site.length > 0) facets.push({ site: { name: { in: query.site } } });
  if (query.k3s.length > 0) facets.push({ k3sVersion: { in: query.k3s } });

  const narrowing: Prisma.ClusterWhereInput[] = [];
  if (query.status.length > 0) narrowing.push({ status: { in: query.status } });
  if (query.problem) narrowing.push(problemWhere(db, query.problem));

  return { where: { AND: [...facets, ...narrowing] }, facetWhere: { AND: facets } };
}
