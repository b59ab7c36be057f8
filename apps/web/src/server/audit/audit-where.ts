import type { AuditQuery } from "@outpost/cluster-core";
import type { Prisma } from "../../../generated/prisma-sqlite";

/** The audit log's filters as one Prisma where clause (free text over actor, action, target and details). */
export function auditWhere(query: Omit<AuditQuery, "page" | "pageSize">): Prisma.AuditEventWhereInput {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (query.actor) and.push({ actorName: query.actor });
  // "cluster." is a family of actions; anything else is one action.
  if (query.action) and.push(query.action.endsWith(".") ? { action: { startsWith: query.action } } : { action: query.action });
  if (query.targetType) and.push({ targetType: query.targetType });
  if (query.from) and.push({ at: { gte: new Date(query.from) } });
  if (query.to) and.push({ at: { lte: new Date(query.to) } });
  if (query.q) {
    const text = query.q;
    and.push({ OR: [{ actorName: { contains: text } }, { action: { contains: text } }, { targetId: { contains: text } }, { details: { contains: text } }] });
  }
  return and.length > 0 ? { AND: and } : {};
}
