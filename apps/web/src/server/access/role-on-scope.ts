import { roleOnCluster, type ClusterScopeFacts, type Role } from "@outpost/cluster-core";
import type { Access } from "./access";

/**
 * The caller's role on what a cluster, a device or a job belongs to. `null` facts (a job whose
 * device was deleted) belong to no site: only grants on every cluster reach them.
 */
export function roleOnScope(access: Access, facts: ClusterScopeFacts | null): Role | null {
  if (facts) return roleOnCluster(access.rules, facts);
  return roleOnCluster(access.rules.filter((r) => r.scope === "all"), { siteId: "", labels: {} });
}
