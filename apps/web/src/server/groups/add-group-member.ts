import type { CurrentUser, GroupView } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { accessChanged } from "../access/access-changed";
import { GROUP_VIEW_INCLUDE, toGroupView } from "./to-group-view";

/** Puts a user into a group: they get the group's grants at once. Audited. */
export async function addGroupMember(ctx: ServerContext, actor: CurrentUser, groupId: string, userId: string): Promise<GroupView> {
  const [group, user] = await Promise.all([ctx.db.group.findUnique({ where: { id: groupId } }), ctx.db.user.findUnique({ where: { id: userId } })]);
  if (!group) throw new AppError("NOT_FOUND", `no group with id ${groupId}`);
  if (!user) throw new AppError("NOT_FOUND", `no user with id ${userId}`);
  if (await ctx.db.groupMember.findUnique({ where: { groupId_userId: { groupId, userId } } })) {
    throw new AppError("CONFLICT", `${user.username} is already in group ${group.name}`);
  }
  await ctx.db.groupMember.create({ data: { groupId, userId } });
  await recordAuditEvent(ctx.db, actor, { action: "group.add-member", targetType: "group", targetId: groupId, details: { group: group.name, username: user.username } });
  await accessChanged(ctx);
  return toGroupView(await ctx.db.group.findUniqueOrThrow({ where: { id: groupId }, include: GROUP_VIEW_INCLUDE }));
}
