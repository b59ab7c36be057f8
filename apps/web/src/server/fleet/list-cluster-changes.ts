import type { ClusterChangePage, ZClusterChangesQuery } from "@outpost/cluster-core";
import type { z } from "zod";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { toChangeView } from "./to-change-view";

/** One page of a cluster's changes, newest first; a page past the end answers with the last page. */
export async function listClusterChanges(db: Db, clusterId: string, query: z.output<typeof ZClusterChangesQuery>): Promise<ClusterChangePage> {
  if (!(await db.cluster.findUnique({ where: { id: clusterId }, select: { id: true } }))) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  const total = await db.clusterChange.count({ where: { clusterId } });
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.pageSize)));
  const rows = await db.clusterChange.findMany({ where: { clusterId }, orderBy: { seq: "desc" }, skip: (page - 1) * query.pageSize, take: query.pageSize });
  return { items: rows.map(toChangeView), total, page, pageSize: query.pageSize };
}
