import type { GroupView } from "@outpost/cluster-core";

/** Prisma `include` that toGroupView needs. */
export const GROUP_VIEW_INCLUDE = { members: { include: { user: { select: { username: true } } } } } as const;

type GroupRow = { id: string; name: string; createdAt: Date; members: { userId: string; user: { username: string } }[] };

export function toGroupView(g: GroupRow): GroupView {
  return {
    id: g.id,
    name: g.name,
    members: g.members.map((m) => ({ userId: m.userId, username: m.user.username })).sort((a, b) => a.username.localeCompare(b.username)),
    createdAt: g.createdAt.toISOString(),
  };
}
