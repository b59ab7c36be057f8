import type { CreateGrantRequest, CurrentUser, GrantView } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { accessChanged } from "../access/access-changed";
import { GRANT_VIEW_INCLUDE, toGrantView } from "./to-grant-view";

/** Gives a user or a group a role on all clusters, one site's, or those matching a selector. Audited. */
export async function createGrant(ctx: ServerContext, actor: CurrentUser, req: CreateGrantRequest): Promise<GrantView> {
  const subject = req.subject.kind === "user" ? await ctx.db.user.findUnique({ where: { id: req.subject.userId } }) : await ctx.db.group.findUnique({ where: { id: req.subject.groupId } });
  if (!subject) throw new AppError("NOT_FOUND", `no ${req.subject.kind} with that id`);
  if (req.scope.kind === "site" && !(await ctx.db.site.findUnique({ where: { id: req.scope.siteId } }))) {
    throw new AppError("NOT_FOUND", `no site with id ${req.scope.siteId}`);
  }
  const row = await ctx.db.grant.create({
    data: {
      userId: req.subject.kind === "user" ? req.subject.userId : null,
      groupId: req.subject.kind === "group" ? req.subject.groupId : null,
      role: req.role,
      scope: req.scope.kind,
      siteId: req.scope.kind === "site" ? req.scope.siteId : null,
      selector: req.scope.kind === "selector" ? req.scope.selector : null,
      createdById: actor.id,
    },
    include: GRANT_VIEW_INCLUDE,
  });
  const view = toGrantView(row);
  await recordAuditEvent(ctx.db, actor, { action: "grant.create", targetType: "grant", targetId: row.id, details: { subject: view.subject, role: view.role, scope: view.scope } });
  await accessChanged(ctx);
  return view;
}
