import { ZRole, type GrantView } from "@outpost/cluster-core";

/** Prisma `include` that toGrantView needs. */
export const GRANT_VIEW_INCLUDE = {
  user: { select: { username: true } },
  group: { select: { name: true } },
  site: { select: { name: true } },
} as const;

type GrantRow = {
  id: string;
  userId: string | null;
  groupId: string | null;
  role: string;
  scope: string;
  siteId: string | null;
  selector: string | null;
  createdAt: Date;
  user: { username: string } | null;
  group: { name: string } | null;
  site: { name: string } | null;
};

/** The API's view of a grant row. */
export function toGrantView(g: GrantRow): GrantView {
  const subject: GrantView["subject"] = g.groupId
    ? { kind: "group", groupId: g.groupId, name: g.group?.name ?? "?" }
    : { kind: "user", userId: g.userId ?? "", name: g.user?.username ?? "?" };
  const scope: GrantView["scope"] =
    g.scope === "site" ? { kind: "site", siteId: g.siteId ?? "", siteName: g.site?.name ?? "?" } : g.scope === "selector" ? { kind: "selector", selector: g.selector ?? "" } : { kind: "all" };
  return { id: g.id, subject, role: ZRole.catch("viewer").parse(g.role), scope, createdAt: g.createdAt.toISOString() };
}
