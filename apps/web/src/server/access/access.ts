import type { AccessRule, Role } from "@outpost/cluster-core";

/**
 * What one user may reach: their role in Outpost itself (users, sites, audit) and the grants
 * that decide each cluster, their own and their groups'. Loaded with the authentication and
 * cached with it (auth-cache.ts), so every change to grants, groups or users clears that cache.
 */
export interface Access {
  userId: string;
  username: string;
  globalRole: Role;
  /** Names of the user's groups (they travel to clusters as `outpost:group:<name>`). */
  groups: string[];
  rules: AccessRule[];
}
