import type { CurrentUser, ZChangeOwnPasswordRequest } from "@outpost/cluster-core";
import type { z } from "zod";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { hashPassword, verifyPassword } from "../auth/password";
import { hashSecretToken } from "../auth/secret-token";
import { recordAuditEvent } from "../audit/record-audit-event";
import { accessChanged } from "../access/access-changed";

/**
 * Any signed-in user changes their own password, proving the current one (wrong guesses count
 * towards the sign-in throttle of that username). Every other session of theirs ends; the one
 * they are using stays signed in.
 */
export async function changeOwnPassword(ctx: ServerContext, actor: CurrentUser, input: z.output<typeof ZChangeOwnPasswordRequest>, sessionToken: string | undefined): Promise<void> {
  const retryAfter = ctx.loginThrottle.retryAfterSeconds(actor.username);
  if (retryAfter > 0) throw new AppError("RATE_LIMITED", `too many wrong passwords; try again in ${retryAfter} s`, undefined, retryAfter);
  const user = await ctx.db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user) throw new AppError("NOT_FOUND", "your account no longer exists");
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
    ctx.loginThrottle.failed(actor.username);
    throw new AppError("INVALID_INPUT", "the current password is not right", [{ path: "currentPassword", message: "not your current password" }]);
  }
  if (input.currentPassword === input.newPassword) throw new AppError("INVALID_INPUT", "the new password is the same as the current one", [{ path: "newPassword", message: "choose a different password" }]);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.id }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: actor.id, ...(sessionToken ? { tokenHash: { not: hashSecretToken(sessionToken) } } : {}) } });
  });
  await recordAuditEvent(ctx.db, actor, { action: "user.change-own-password", targetType: "user", targetId: actor.id, details: { username: actor.username, otherSessionsEnded: true } });
  // The ended sessions' cached logins, open sockets and streams end now too.
  await accessChanged(ctx);
}
