import type { AlertChannelKind, AlertChannelView, ChannelTestResult, CurrentUser, ZCreateAlertChannelRequest } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { recordAuditEvent } from "../audit/record-audit-event";
import { channelUrlPurpose, openChannelTarget } from "./open-channel-target";
import { sendAlertNotice } from "./send-alert-notice";
import type { Access } from "../access/access";
import { visibleClustersWhere } from "../access/visible-clusters-where";
import { readAlertRule } from "./read-alert-rule";
import { rulesVisibleTo } from "./rules-visible-to";

type ChannelRow = { id: string; name: string; kind: string; target: string; createdAt: Date };

/** Where a channel goes, without its secret: a webhook's scheme and host only. */
function shownTarget(ctx: ServerContext, c: ChannelRow): string {
  if (c.kind === "email") return c.target;
  try {
    const url = new URL(openChannelTarget(ctx.secrets, c).target);
    return `${url.protocol}//${url.host}/…`;
  } catch {
    return "(cannot be opened with this centre's secret key)";
  }
}

/** Channel views with the newest failed attempt, unless a delivery succeeded after it. */
async function toViews(ctx: ServerContext, rows: ChannelRow[]): Promise<AlertChannelView[]> {
  const ids = rows.map((r) => r.id);
  const failures = await ctx.db.alertDelivery.findMany({
    where: { channelId: { in: ids }, lastError: { not: "" }, lastAttemptAt: { not: null } },
    orderBy: { lastAttemptAt: "desc" },
    distinct: ["channelId"],
    select: { channelId: true, lastAttemptAt: true, lastError: true, status: true },
  });
  const lastSent = await ctx.db.alertDelivery.groupBy({ by: ["channelId"], where: { channelId: { in: ids }, status: "sent" }, _max: { sentAt: true } });
  const sentAt = new Map(lastSent.map((s) => [s.channelId, s._max.sentAt]));
  return rows.map((c) => {
    const failure = failures.find((f) => f.channelId === c.id && f.lastAttemptAt! > (sentAt.get(c.id) ?? new Date(0)));
    return {
      id: c.id,
      name: c.name,
      kind: c.kind as AlertChannelKind,
      target: shownTarget(ctx, c),
      lastFailure: failure ? { at: failure.lastAttemptAt!.toISOString(), error: failure.lastError, givenUp: failure.status === "failed" } : null,
      createdAt: c.createdAt.toISOString(),
    };
  });
}

/**
 * Channels hold no cluster data, but where a company's alerts go is not every site's business:
 * callers who do not see every cluster see only the channels of the rules they may see.
 */
export async function listAlertChannels(ctx: ServerContext, access: Access): Promise<AlertChannelView[]> {
  const rows = await ctx.db.alertChannel.findMany({ orderBy: { name: "asc" } });
  const clusters = await visibleClustersWhere(ctx, access);
  if (Object.keys(clusters).length === 0) return toViews(ctx, rows);
  const rules = await rulesVisibleTo(ctx, access, clusters, await ctx.db.alertRule.findMany());
  const used = new Set(rules.flatMap((r) => readAlertRule(r).channelIds));
  return toViews(ctx, rows.filter((c) => used.has(c.id)));
}

/** A webhook URL is sealed before it is stored: such URLs are their own password. */
export async function createAlertChannel(ctx: ServerContext, actor: CurrentUser, input: z.output<typeof ZCreateAlertChannelRequest>): Promise<AlertChannelView> {
  if (await ctx.db.alertChannel.findUnique({ where: { name: input.name } })) throw new AppError("CONFLICT", `a channel named ${input.name} already exists`);
  const row = await ctx.db.$transaction(async (tx) => {
    const created = await tx.alertChannel.create({ data: { name: input.name, kind: input.kind, target: input.kind === "email" ? input.to.join(", ") : "" } });
    if (input.kind === "email") return created;
    return tx.alertChannel.update({ where: { id: created.id }, data: { target: ctx.secrets.seal(input.url, channelUrlPurpose(created.id)) } });
  });
  await recordAuditEvent(ctx.db, actor, { action: "alert-channel.create", targetType: "alert-channel", targetId: row.id, details: { name: row.name, kind: row.kind } });
  return (await toViews(ctx, [row]))[0]!;
}

/** Refused while rules still send to it: they would silently lose a destination. */
export async function deleteAlertChannel(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  const channel = await ctx.db.alertChannel.findUnique({ where: { id } });
  if (!channel) throw new AppError("NOT_FOUND", `no alert channel with id ${id}`);
  const users = (await ctx.db.alertRule.findMany({ select: { name: true, channelIds: true } })).filter((r) => r.channelIds.includes(`"${id}"`));
  if (users.length > 0) throw new AppError("CONFLICT", `rules ${users.map((r) => r.name).join(", ")} still send to ${channel.name}; remove it from them first`);
  await ctx.db.alertChannel.delete({ where: { id } });
  await recordAuditEvent(ctx.db, actor, { action: "alert-channel.delete", targetType: "alert-channel", targetId: id, details: { name: channel.name, kind: channel.kind } });
}

/** Sends a test message now and says whether it arrived at the server (nothing is queued or retried). */
export async function testAlertChannel(ctx: ServerContext, actor: CurrentUser, id: string): Promise<ChannelTestResult> {
  const channel = await ctx.db.alertChannel.findUnique({ where: { id } });
  if (!channel) throw new AppError("NOT_FOUND", `no alert channel with id ${id}`);
  const result = await sendTestMessage(ctx, channel);
  await recordAuditEvent(ctx.db, actor, { action: "alert-channel.test", targetType: "alert-channel", targetId: id, details: { name: channel.name, ok: result.ok, ...(result.ok ? {} : { error: result.message }) } });
  return result;
}

async function sendTestMessage(ctx: ServerContext, channel: ChannelRow): Promise<ChannelTestResult> {
  const now = new Date().toISOString();
  try {
    await sendAlertNotice(
      openChannelTarget(ctx.secrets, channel),
      {
        version: 1,
        event: "test",
        deliveryId: `test-${Date.now()}`,
        at: now,
        alert: { id: "test", rule: { id: "test", name: "Test message", condition: "cluster-offline" }, subject: "", message: "example cluster offline", since: now, firedAt: now, resolvedAt: null },
        cluster: { id: "example", name: "example-cluster", site: "example-site", labels: {}, url: null },
      },
      { smtpUrl: ctx.config.smtpUrl, from: ctx.config.smtpFrom },
    );
    return { ok: true, message: `sent to ${shownTarget(ctx, channel)}` };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

