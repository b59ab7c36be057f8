import type { ApiTokenView, CurrentUser, TokenScope } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { ServerContext } from "../context";
import { accessChanged } from "../access/access-changed";
import { AppError } from "../errors/app-error";
import { newSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";

type TokenRow = { id: string; name: string; scope: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null };

function toView(t: TokenRow): ApiTokenView {
  return { id: t.id, name: t.name, scope: t.scope, createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt?.toISOString() ?? null, lastUsedAt: t.lastUsedAt?.toISOString() ?? null };
}

export async function listApiTokens(db: Db, user: CurrentUser): Promise<ApiTokenView[]> {
  return (await db.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } })).map(toView);
}

/**
 * The token acts with its owner's grants, within its scope ("api" by default, or one cluster's
 * kube API); it is returned once and only its hash is kept.
 */
export async function createApiToken(db: Db, user: CurrentUser, input: { name: string; expiresInDays?: number | undefined; scope?: TokenScope }): Promise<ApiTokenView & { token: string }> {
  const { token, hash } = newSecretToken("opt");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const scope = input.scope ?? "api";
  const row = await db.apiToken.create({ data: { name: input.name, tokenHash: hash, userId: user.id, expiresAt, scope } });
  await recordAuditEvent(db, user, { action: "api-token.create", targetType: "api-token", targetId: row.id, details: { name: input.name, scope, expiresAt: expiresAt?.toISOString() ?? null } });
  return { ...toView(row), token };
}

/** Revokes one of the user's tokens: kubectl watches, exec sessions and sockets opened with it close at once. */
export async function revokeApiToken(ctx: ServerContext, user: CurrentUser, id: string): Promise<void> {
  const token = await ctx.db.apiToken.findFirst({ where: { id, userId: user.id }, select: { name: true, createdAt: true, lastUsedAt: true } });
  const res = await ctx.db.apiToken.deleteMany({ where: { id, userId: user.id } });
  if (!token || res.count === 0) throw new AppError("NOT_FOUND", `no API token of yours with id ${id}`);
  await recordAuditEvent(ctx.db, user, {
    action: "api-token.revoke",
    targetType: "api-token",
    targetId: id,
    details: { name: token.name, createdAt: token.createdAt.toISOString(), lastUsedAt: token.lastUsedAt?.toISOString() ?? "never" },
  });
  await accessChanged(ctx);
}
