import type { Db } from "../db/open-database";
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

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash: hashSecretToken(token) } });
}
