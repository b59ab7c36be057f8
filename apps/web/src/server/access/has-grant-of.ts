import { roleAtLeast, type Role } from "@outpost/cluster-core";
import type { Access } from "./access";

/** True when any of the caller's grants, on whatever scope, gives at least `role` (e.g. to offer "Add cluster"). */
export function hasGrantOf(access: Access, role: Role): boolean {
  return access.rules.some((r) => roleAtLeast(r.role, role));
}
