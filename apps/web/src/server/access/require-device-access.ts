import { roleAtLeast, type Role } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import type { Access } from "./access";
import { DEVICE_SCOPE_SELECT, deviceScopeFacts } from "./device-scope-facts";
import { roleOnScope } from "./role-on-scope";

/**
 * Like requireClusterAccess, for a device: outside the caller's grants it does not exist
 * (NOT_FOUND); visible with too low a role is FORBIDDEN. Returns the caller's role on it.
 */
export async function requireDeviceAccess(ctx: Pick<ServerContext, "db">, access: Access, deviceId: string, minRole: Role = "viewer"): Promise<Role> {
  const row = await ctx.db.device.findUnique({ where: { id: deviceId }, select: { name: true, ...DEVICE_SCOPE_SELECT } });
  const role = row ? roleOnScope(access, deviceScopeFacts(row)) : null;
  if (!row || !role) throw new AppError("NOT_FOUND", `no device with id ${deviceId}`);
  if (!roleAtLeast(role, minRole)) throw new AppError("FORBIDDEN", `this needs the ${minRole} role on device ${row.name}; you are ${role} there`);
  return role;
}
