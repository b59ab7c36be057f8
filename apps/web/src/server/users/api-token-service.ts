import type { ApiTokenView, CurrentUser } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { newSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";

type TokenRow = { id: string; name: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null };

function toView(t: TokenRow): ApiTokenView {
  return { id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), expiresAt: t.expiresAt?.toISOString() ?? null, lastUsedAt: t.lastUsedAt?.toISOString() ?? null };
}

export async function listApiTokens(db: Db, user: CurrentUser): Promise<ApiTokenView[]> {
  return (await db.apiToken.findMany({ where: { userId: user.id }, orderBy: { createdAt: "desc" } })).map(toView);
}

/** The token acts with its owner's role; it is returned once and only its hash is kept. */
export async function createApiToken(db: Db, user: CurrentUser, input: { name: string; expiresInDays?: number | undefined }): Promise<ApiTokenView & { token: string }> {
  const { token, hash } = newSecretToken("opt");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await db.apiToken.create({ data: { name: input.name, tokenHash: hash, userId: user.id, expiresAt } });
  await recordAuditEvent(db, user, { action: "api-token.create", targetType: "api-token", targetId: row.id, details: { name: input.name } });
  return { ...toView(row), token };
}

export async function revokeApiToken(db: Db, user: CurrentUser, id: string): Promise<void> {
  const token = await db.apiToken.findFirst({ where: { id, userId: user.id }, select: { name: true, createdAt: true, lastUsedAt: true } });
  const res = await db.apiToken.deleteMany({ where: { id, userId: user.id } });
  if (!token || res.count === 0) throw new AppError("NOT_FOUND", `no API token of yours with id ${id}`);
  await recordAuditEvent(db, user, {
    action: "api-token.revoke",
    targetType: "api-token",
    targetId: id,
    details: { name: token.name, createdAt: token.createdAt.toISOString(), lastUsedAt: token.lastUsedAt?.toISOString() ?? "never" },
  });
}
