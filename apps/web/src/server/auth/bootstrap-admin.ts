import type { Db } from "../db/open-database";
import { recordAuditEvent } from "../audit/record-audit-event";
import { generatePassword, hashPassword } from "./password";

/**
 * On first start (no users at all) creates the `admin` user. Its password comes from
 * OUTPOST_ADMIN_PASSWORD, or is generated and handed back to be printed once.
 */
export async function bootstrapAdmin(db: Db, configured: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
  if ((await db.user.count()) > 0) return { created: false };
  const password = configured ?? generatePassword();
  const user = await db.user.create({ data: { username: "admin", role: "admin", passwordHash: await hashPassword(password) } });
  await recordAuditEvent(db, { id: null, username: "system" }, { action: "user.bootstrap", targetType: "user", targetId: user.id, details: { username: "admin" } });
  return configured ? { created: true } : { created: true, generatedPassword: password };
}
