import type { Role } from "../schemas/common";
import type { LabelRequirement } from "../helpers/label-selector";

/** One grant, resolved for matching: the role it gives and the clusters it covers. */
export type AccessRule =
  | { role: Role; scope: "all" }
  | { role: Role; scope: "site"; siteId: string }
  | { role: Role; scope: "selector"; requirements: LabelRequirement[] };

/** What a cluster needs to show for a rule to be matched against it. */
export interface ClusterScopeFacts {
  siteId: string;
  labels: Record<string, string>;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** The higher of two roles (null: none). */
export function higherRole(a: Role | null, b: Role | null): Role | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/** Roles are ordered: an admin may do what an operator may, an operator what a viewer may. */
export function roleAtLeast(actual: Role | null, required: Role): boolean {
  return actual !== null && RANK[actual] >= RANK[required];
}
