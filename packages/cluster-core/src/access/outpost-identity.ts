import type { Role } from "../schemas/common";
import type { TunnelIdentity } from "../tunnel/tunnel-identity";

/** The Kubernetes group an Outpost role maps to on every cluster (bound by access-bindings.ts). */
export function roleGroup(role: Role): string {
  return `outpost:${role}`;
}

/**
 * Who an Outpost user is on a cluster where they hold `role`: user `outpost:<username>`, in the
 * role's group and in `outpost:group:<name>` for each of their Outpost groups (so a cluster's
 * admins can bind their own RBAC to Outpost groups too).
 */
export function outpostIdentity(username: string, role: Role, groups: readonly string[]): TunnelIdentity {
  return { user: `outpost:${username}`, groups: [roleGroup(role), ...groups.map((g) => `outpost:group:${g}`)] };
}
