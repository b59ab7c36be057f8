import type { CurrentUser, LoginRequest } from "@outpost/cluster-core";
import { ZRole } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { AppError } from "../errors/app-error";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./sessions";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { LoginThrottle } from "./login-throttle";
import { log } from "../logging/log";

// Verifying against a real hash when the user is unknown keeps response times alike, so
// timing does not tell which usernames exist.
const dummyHash = hashPassword("outpost-timing-equaliser");

export async function login(db: Db, throttle: LoginThrottle, req: LoginRequest, ttlHours: number): Promise<{ user: CurrentUser; token: string; expiresAt: Date }> {
  const retryAfterSeconds = throttle.retryAfterSeconds(req.username);
  if (retryAfterSeconds > 0) {
    throw new AppError("RATE_LIMITED", `too many failed sign-ins for this user; try again in ${retryAfterSeconds} s`, undefined, retryAfterSeconds);
  }
  const user = await db.user.findUnique({ where: { username: req.username } });
  const ok = await verifyPassword(req.password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok || user.disabled) {
    // Logged, not audited: a failed attempt must not write to the database.
    throttle.failed(req.username);
    log.warn({ username: req.username.slice(0, 63) }, "failed sign-in");
    throw new AppError("UNAUTHENTICATED", "wrong username or password");
  }
  throttle.succeeded(req.username);
  const session = await createSession(db, user.id, ttlHours);
  const current: CurrentUser = { id: user.id, username: user.username, role: ZRole.catch("viewer").parse(user.role) };
  await recordAuditEvent(db, current, { action: "auth.login", targetType: "user", targetId: user.id });
  return { user: current, ...session };
}
