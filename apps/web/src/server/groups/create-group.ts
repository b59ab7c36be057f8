import type { CurrentUser, GroupView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { GROUP_VIEW_INCLUDE, toGroupView } from "./to-group-view";

/** A new, empty group; it grants nothing until a grant names it. Audited. */
export async function createGroup(db: Db, actor: CurrentUser, name: string): Promise<GroupView> {
  if (await db.group.findUnique({ where: { name } })) throw new AppError("CONFLICT", `a group named ${name} already exists`);
  const group = await db.group.create({ data: { name }, include: GROUP_VIEW_INCLUDE });
  await recordAuditEvent(db, actor, { action: "group.create", targetType: "group", targetId: group.id, details: { name } });
  return toGroupView(group);
}
