import type { KubeManifest } from "../driver/cluster-driver";
import type { Role } from "../schemas/common";
import { roleGroup } from "./outpost-identity";

/** Which Kubernetes ClusterRole each Outpost role gets on every cluster. */
export const ROLE_CLUSTER_ROLES: Record<Role, string> = { viewer: "view", operator: "edit", admin: "cluster-admin" };

/**
 * The ClusterRoleBindings Outpost keeps on every cluster through its desired state (source
 * "access"): group outpost:viewer → view (which excludes Secrets and exec), outpost:operator →
 * edit, outpost:admin → cluster-admin. Scoped grants need nothing else: the centre impersonates
 * a user in the group of the role they hold on that cluster.
 */
export function accessBindings(): KubeManifest[] {
  return (Object.keys(ROLE_CLUSTER_ROLES) as Role[]).map((role) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: roleGroup(role).replace(":", "-") },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: ROLE_CLUSTER_ROLES[role] },
    subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: roleGroup(role) }],
  }));
}
