import type { AlertRuleView, CurrentUser, ZCreateAlertRuleRequest, ZUpdateAlertRuleRequest } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ServerContext } from "../context";
import type { Db } from "../db/open-database";
import type { AlertRule, Prisma } from "../../../generated/prisma-sqlite";
import type { Access } from "../access/access";
import { visibleClustersWhere } from "../access/visible-clusters-where";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { readAlertRule } from "./read-alert-rule";
import { rulesVisibleTo } from "./rules-visible-to";

type CreateInput = z.output<typeof ZCreateAlertRuleRequest>;

/** `clusters` (visibleClustersWhere) limits the firing counts to the caller's clusters. */
async function toView(db: Db, rows: AlertRule[], clusters: Prisma.ClusterWhereInput = {}): Promise<AlertRuleView[]> {
  const siteIds = rows.flatMap((r) => (r.scopeSiteId ? [r.scopeSiteId] : []));
  const sites = new Map((await db.site.findMany({ where: { id: { in: siteIds } }, select: { id: true, name: true } })).map((s) => [s.id, s.name]));
  const firing = new Map((await db.alert.groupBy({ by: ["ruleId"], where: { state: "firing", cluster: clusters }, _count: { _all: true } })).map((g) => [g.ruleId, g._count._all]));
  return rows.map((r) => {
    const read = readAlertRule(r);
    return {
      id: r.id,
      name: r.name,
      condition: read.condition,
      forSeconds: r.forSeconds,
      scope: read.scope,
      scopeSiteName: r.scopeSiteId ? (sites.get(r.scopeSiteId) ?? null) : null,
      channelIds: read.channelIds,
      enabled: r.enabled,
      firing: firing.get(r.id) ?? 0,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

/** The rule's columns from a request: the scope in three columns, the channels as JSON. */
async function ruleData(db: Db, input: Partial<CreateInput>) {
  if (input.channelIds) {
    const found = await db.alertChannel.count({ where: { id: { in: input.channelIds } } });
    if (found !== new Set(input.channelIds).size) throw new AppError("INVALID_INPUT", "a chosen channel no longer exists; reload and pick again", [{ path: "channelIds", message: "unknown channel" }]);
  }
  if (input.scope?.kind === "site" && !(await db.site.findUnique({ where: { id: input.scope.siteId }, select: { id: true } }))) {
    throw new AppError("INVALID_INPUT", "the chosen site no longer exists", [{ path: "scope", message: "unknown site" }]);
  }
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.condition !== undefined ? { condition: input.condition } : {}),
    ...(input.forSeconds !== undefined ? { forSeconds: input.forSeconds } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    ...(input.channelIds !== undefined ? { channelIds: JSON.stringify([...new Set(input.channelIds)]) } : {}),
    ...(input.scope !== undefined
      ? {
          scopeKind: input.scope.kind,
          scopeSiteId: input.scope.kind === "site" ? input.scope.siteId : null,
          scopeSelector: input.scope.kind === "selector" ? input.scope.selector : "",
        }
      : {}),
  };
}

/** The rules the caller may see (rulesVisibleTo), with how many of their alerts fire on the caller's clusters. */
export async function listAlertRules(ctx: Pick<ServerContext, "db">, access: Access): Promise<AlertRuleView[]> {
  const clusters = await visibleClustersWhere(ctx, access);
  const rows = await rulesVisibleTo(ctx, access, clusters, await ctx.db.alertRule.findMany({ orderBy: { name: "asc" } }));
  return toView(ctx.db, rows, clusters);
}

export async function createAlertRule(ctx: ServerContext, actor: CurrentUser, input: CreateInput): Promise<AlertRuleView> {
  if (await ctx.db.alertRule.findUnique({ where: { name: input.name } })) throw new AppError("CONFLICT", `a rule named ${input.name} already exists`);
  const data = await ruleData(ctx.db, input);
  const row = await ctx.db.alertRule.create({ data: { ...data, name: input.name, condition: input.condition } });
  await recordAuditEvent(ctx.db, actor, { action: "alert-rule.create", targetType: "alert-rule", targetId: row.id, details: { name: row.name, condition: row.condition, forSeconds: row.forSeconds, scope: input.scope } });
  ctx.alerting.kick();
  return (await toView(ctx.db, [row]))[0]!;
}

export async function updateAlertRule(ctx: ServerContext, actor: CurrentUser, id: string, input: z.output<typeof ZUpdateAlertRuleRequest>): Promise<AlertRuleView> {
  const existing = await ctx.db.alertRule.findUnique({ where: { id } });
  if (!existing) throw new AppError("NOT_FOUND", `no alert rule with id ${id}`);
  if (input.name && input.name !== existing.name && (await ctx.db.alertRule.findUnique({ where: { name: input.name } }))) throw new AppError("CONFLICT", `a rule named ${input.name} already exists`);
  const row = await ctx.db.alertRule.update({ where: { id }, data: await ruleData(ctx.db, input) });
  await recordAuditEvent(ctx.db, actor, { action: "alert-rule.update", targetType: "alert-rule", targetId: id, details: { name: row.name, changed: Object.keys(input) } });
  ctx.alerting.kick();
  return (await toView(ctx.db, [row]))[0]!;
}

/** Deleting a rule deletes its alerts too; nothing more is sent for them. */
export async function deleteAlertRule(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const existing = await ctx.db.alertRule.findUnique({ where: { id } });
  if (!existing) throw new AppError("NOT_FOUND", `no alert rule with id ${id}`);
  await ctx.db.alertRule.delete({ where: { id } });
  await recordAuditEvent(ctx.db, actor, { action: "alert-rule.delete", targetType: "alert-rule", targetId: id, details: { name: existing.name } });
}
