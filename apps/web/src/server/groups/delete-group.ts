import type { CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { accessChanged } from "../access/access-changed";

/** Deletes a group with its memberships and grants; its members lose what it gave them at once. Audited. */
export async function deleteGroup(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const group = await ctx.db.group.findUnique({ where: { id }, include: { _count: { select: { members: true, grants: true } } } });
  if (!group) throw new AppError("NOT_FOUND", `no group with id ${id}`);
  await ctx.db.group.delete({ where: { id } });
  await recordAuditEvent(ctx.db, actor, {
    action: "group.delete",
    targetType: "group",
    targetId: id,
    details: { name: group.name, members: group._count.members, grants: group._count.grants },
  });
  await accessChanged(ctx);
}
