import type { CurrentUser } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

/** Who did what to which object. Every mutating action calls this; secrets never go in `details`. */
export async function recordAuditEvent(db: Db, actor: CurrentUser | { id: null; username: string }, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({
    data: {
      actorId: actor.id,
      actorName: actor.username,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}
