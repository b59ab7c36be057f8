import type { Db } from "../db/open-database";
import type { ServerContext } from "../context";
import { accessChanged } from "../access/access-changed";
import { newSecretToken, hashSecretToken } from "./secret-token";

/** Starts a session; the returned token goes into the httpOnly cookie and is never stored. */
export async function createSession(db: Db, userId: string, ttlHours: number): Promise<{ token: string; expiresAt: Date }> {
  const { token, hash } = newSecretToken("ops");
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.session.create({ data: { tokenHash: hash, userId, expiresAt } });
  // Expired sessions are swept here rather than by a timer: logins are rare, sessions few.
  await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return { token, expiresAt };
}

/** Signs a session out: its sockets and streams close at once. */
export async function deleteSession(ctx: Pick<ServerContext, "db" | "authCache" | "connections">, token: string): Promise<void> {
  await ctx.db.session.deleteMany({ where: { tokenHash: hashSecretToken(token) } });
  await accessChanged(ctx);
}
