import type { FleetQuery } from "@outpost/cluster-core";
import type { Prisma } from "../../../generated/prisma-sqlite";

/** The ORDER BY of a fleet query; name and id always break ties, so pages never overlap. */
export function fleetOrderBy(query: Pick<FleetQuery, "sort" | "dir" | "group">): Prisma.ClusterOrderByWithRelationInput[] {
  const dir = query.dir;
  const primary: Prisma.ClusterOrderByWithRelationInput[] =
    query.sort === "problems"
      ? [{ problemRank: dir }, { statusSince: dir === "asc" ? "asc" : "desc" }]
      : query.sort === "site"
        ? [{ site: { name: dir } }]
        : query.sort === "k3s"
          ? [{ k3sVersion: dir }]
          : query.sort === "lastSeen"
            ? [{ lastSeenAt: { sort: dir, nulls: dir === "asc" ? "first" : "last" } }]
            : [];
  const grouping: Prisma.ClusterOrderByWithRelationInput[] = query.group === "site" ? [{ site: { name: "asc" } }] : [];
  return [...grouping, ...primary, { name: query.sort === "name" ? dir : "asc" }, { id: "asc" }];
}
