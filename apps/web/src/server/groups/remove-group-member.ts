import type { CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { accessChanged } from "../access/access-changed";

/** Takes a user out of a group: what the group gave them closes at once. Audited. */
export async function removeGroupMember(ctx: ServerContext, actor: CurrentUser, groupId: string, userId: string): Promise<void> {
  const member = await ctx.db.groupMember.findUnique({ where: { groupId_userId: { groupId, userId } }, include: { group: true, user: true } });
  if (!member) throw new AppError("NOT_FOUND", "that user is not in that group");
  await ctx.db.groupMember.delete({ where: { groupId_userId: { groupId, userId } } });
  await recordAuditEvent(ctx.db, actor, { action: "group.remove-member", targetType: "group", targetId: groupId, details: { group: member.group.name, username: member.user.username } });
  await accessChanged(ctx);
}
