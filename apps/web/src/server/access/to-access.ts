import { ZRole, parseLabelSelector, type AccessRule } from "@outpost/cluster-core";
import type { Access } from "./access";
import { log } from "../logging/log";

/** Prisma `include` that loads everything toAccess needs with the user, in one query. */
export const ACCESS_INCLUDE = {
  grants: true,
  groups: { include: { group: { include: { grants: true } } } },
} as const;

type GrantRow = { role: string; scope: string; siteId: string | null; selector: string | null };
type UserWithGrants = {
  id: string;
  username: string;
  role: string;
  grants: GrantRow[];
  groups: { group: { name: string; grants: GrantRow[] } }[];
};

/** Resolves a user row (loaded with ACCESS_INCLUDE) into its Access; admins reach every cluster as admin. */
export function toAccess(user: UserWithGrants): Access {
  const globalRole = ZRole.catch("viewer").parse(user.role);
  const rows = [...user.grants, ...user.groups.flatMap((m) => m.group.grants)];
  const rules: AccessRule[] = rows.flatMap((g) => toRule(g) ?? []);
  if (globalRole === "admin") rules.push({ role: "admin", scope: "all" });
  return { userId: user.id, username: user.username, globalRole, groups: user.groups.map((m) => m.group.name).sort(), rules };
}

function toRule(g: GrantRow): AccessRule | null {
  const role = ZRole.safeParse(g.role);
  if (!role.success) return null;
  if (g.scope === "all") return { role: role.data, scope: "all" };
  if (g.scope === "site" && g.siteId) return { role: role.data, scope: "site", siteId: g.siteId };
  if (g.scope === "selector" && g.selector) {
    try {
      return { role: role.data, scope: "selector", requirements: parseLabelSelector(g.selector) };
    } catch {
      // Checked when the grant was made; a selector the parser no longer reads grants nothing.
      log.warn({ selector: g.selector }, "grant selector no longer parses; it grants nothing");
      return null;
    }
  }
  return null;
}
