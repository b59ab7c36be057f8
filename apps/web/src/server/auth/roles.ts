import { roleAtLeast, type Role } from "@outpost/cluster-core";

/** Roles are ordered: an admin may do what an operator may, an operator what a viewer may. */
export function hasRole(actual: Role, required: Role): boolean {
  return roleAtLeast(actual, required);
}
