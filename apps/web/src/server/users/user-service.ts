import { ZRole, type CurrentUser, type UserView, type ZCreateUserRequest, type ZUpdateUserRequest } from "@outpost/cluster-core";
import type { z } from "zod";
import type { Db } from "../db/open-database";
import type { ServerContext } from "../context";
import { accessChanged } from "../access/access-changed";
import { AppError } from "../errors/app-error";
import { hashPassword } from "../auth/password";
import { hashSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";
import { changedFields } from "../audit/changed-fields";

function toUserView(u: { id: string; username: string; role: string; disabled: boolean; createdAt: Date }): UserView {
  return { id: u.id, username: u.username, role: ZRole.catch("viewer").parse(u.role), disabled: u.disabled, createdAt: u.createdAt.toISOString() };
}

export async function listUsers(db: Db): Promise<UserView[]> {
  return (await db.user.findMany({ orderBy: { username: "asc" } })).map(toUserView);
}

/** A new account; with clusterAccess "all" it also gets its role on every cluster (one grant, audited with it). */
export async function createUser(db: Db, actor: CurrentUser, input: z.output<typeof ZCreateUserRequest>): Promise<UserView> {
  if (await db.user.findUnique({ where: { username: input.username } })) throw new AppError("CONFLICT", `a user named ${input.username} already exists`);
  const passwordHash = await hashPassword(input.password);
  const user = await db.$transaction(async (tx) => {
    const u = await tx.user.create({ data: { username: input.username, role: input.role, passwordHash } });
    if (input.clusterAccess === "all") await tx.grant.create({ data: { userId: u.id, role: input.role, scope: "all", createdById: actor.id } });
    return u;
  });
  await recordAuditEvent(db, actor, { action: "user.create", targetType: "user", targetId: user.id, details: { username: user.username, role: user.role, clusterAccess: input.clusterAccess } });
  return toUserView(user);
}

/**
 * Admins cannot demote, disable or delete themselves: there must always be a way back in.
 * `actorSessionToken` is the session the request came with: an admin who resets their own
 * password stays signed in there, while every other session of theirs ends.
 */
export async function updateUser(ctx: ServerContext, actor: CurrentUser, id: string, input: z.output<typeof ZUpdateUserRequest>, actorSessionToken?: string): Promise<UserView> {
  const db = ctx.db;
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new AppError("NOT_FOUND", `no user with id ${id}`);
  if (id === actor.id && ((input.role && input.role !== "admin") || input.disabled)) {
    throw new AppError("CONFLICT", "you cannot demote or disable yourself; ask another admin");
  }
  const data: { role?: string; disabled?: boolean; passwordHash?: string } = {};
  if (input.role) data.role = input.role;
  if (input.disabled !== undefined) data.disabled = input.disabled;
  if (input.password) data.passwordHash = await hashPassword(input.password);
  const updated = await db.$transaction(async (tx) => {
    const u = await tx.user.update({ where: { id }, data });
    // A disabled user or a reset password ends every open session of that user.
    if (input.disabled || input.password) {
      const keep = id === actor.id && actorSessionToken ? { tokenHash: { not: hashSecretToken(actorSessionToken) } } : {};
      await tx.session.deleteMany({ where: { userId: id, ...keep } });
    }
    return u;
  });
  const changes = changedFields({ role: user.role, disabled: user.disabled }, { role: input.role, disabled: input.disabled });
  // Only what changed is recorded; a request that changes nothing is not an event.
  if (Object.keys(changes).length > 0 || input.password) {
    await recordAuditEvent(db, actor, {
      action: "user.update",
      targetType: "user",
      targetId: id,
      details: { username: user.username, ...(Object.keys(changes).length > 0 ? { changes } : {}), ...(input.password ? { passwordReset: true } : {}) },
    });
  }
  // Role, disabled and password changes can end access: cached logins and open connections are checked again.
  await accessChanged(ctx);
  return toUserView(updated);
}

export async function deleteUser(ctx: ServerContext, actor: CurrentUser, id: string): Promise<void> {
  if (id === actor.id) throw new AppError("CONFLICT", "you cannot delete yourself; ask another admin");
  const user = await ctx.db.user.findUnique({ where: { id } });
  if (!user) throw new AppError("NOT_FOUND", `no user with id ${id}`);
  await ctx.db.user.delete({ where: { id } });
  await recordAuditEvent(ctx.db, actor, { action: "user.delete", targetType: "user", targetId: id, details: { username: user.username } });
  await accessChanged(ctx);
}
