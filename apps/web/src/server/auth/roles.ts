import type { Role } from "@outpost/cluster-core";

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** Roles are ordered: an admin may do what an operator may, an operator what a viewer may. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
