import { ZLabels, parseStoredJson, roleAtLeast, roleOnCluster, type Role } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import type { Access } from "./access";

export interface ClusterAccess {
  cluster: { id: string; name: string; siteId: string; labels: Record<string, string> };
  /** The caller's role on this cluster. */
  role: Role;
}

/**
 * Every route, page, socket event and kube API request about one cluster starts here. A cluster
 * outside the caller's grants answers exactly like one that does not exist (NOT_FOUND, never
 * FORBIDDEN), so grants do not even reveal which ids exist; a visible cluster with too low a
 * role is FORBIDDEN with the role that is needed.
 */
export async function requireClusterAccess(ctx: Pick<ServerContext, "db">, access: Access, clusterId: string, minRole: Role = "viewer"): Promise<ClusterAccess> {
  const row = await ctx.db.cluster.findUnique({ where: { id: clusterId }, select: { id: true, name: true, siteId: true, labels: true } });
  const cluster = row ? { ...row, labels: parseStoredJson(ZLabels, row.labels, {}) } : null;
  const role = cluster ? roleOnCluster(access.rules, cluster) : null;
  if (!cluster || !role) throw new AppError("NOT_FOUND", `no cluster with id ${clusterId}`);
  if (!roleAtLeast(role, minRole)) {
    throw new AppError("FORBIDDEN", `this needs the ${minRole} role on cluster ${cluster.name}; you are ${role} there`);
  }
  return { cluster, role };
}
