import { matchesLabelSelector } from "../helpers/label-selector";
import type { Role } from "../schemas/common";
import { higherRole, type AccessRule, type ClusterScopeFacts } from "./access-rules";

/**
 * The role a set of grants gives on one cluster: the highest role of every rule that covers it,
 * or null when none does (then the cluster does not exist for that caller).
 */
export function roleOnCluster(rules: readonly AccessRule[], cluster: ClusterScopeFacts): Role | null {
  let role: Role | null = null;
  for (const rule of rules) {
    const covers =
      rule.scope === "all" ||
      (rule.scope === "site" && rule.siteId === cluster.siteId) ||
      (rule.scope === "selector" && matchesLabelSelector(cluster.labels, rule.requirements));
    if (covers) role = higherRole(role, rule.role);
  }
  return role;
}
