import { roleAtLeast } from "@outpost/cluster-core";
import type { Access } from "./access";

/** True when a grant on scope "all" makes the caller an operator (or more) everywhere: needed for acts on clusters not yet known, like label selector assignments. */
export function operatesEveryCluster(access: Access): boolean {
  return access.rules.some((r) => r.scope === "all" && roleAtLeast(r.role, "operator"));
}
