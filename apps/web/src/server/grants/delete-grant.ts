import type { CurrentUser } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { accessChanged } from "../access/access-changed";
import { GRANT_VIEW_INCLUDE, toGrantView } from "./to-grant-view";

/** Takes a grant away; whatever it opened closes at once (cached logins, live sockets, kube streams). Audited. */
export async function deleteGrant(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const row = await ctx.db.grant.findUnique({ where: { id }, include: GRANT_VIEW_INCLUDE });
  if (!row) throw new AppError("NOT_FOUND", `no grant with id ${id}`);
  await ctx.db.grant.delete({ where: { id } });
  const view = toGrantView(row);
  await recordAuditEvent(ctx.db, actor, { action: "grant.delete", targetType: "grant", targetId: id, details: { subject: view.subject, role: view.role, scope: view.scope } });
  await accessChanged(ctx);
}
