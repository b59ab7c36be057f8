import { roleAtLeast, type Role } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import type { Access } from "./access";
import { jobScopeFacts } from "./job-scope-facts";
import { roleOnScope } from "./role-on-scope";

/**
 * Like requireClusterAccess, for a job (its log, retry, cancel, live watch): a job about a
 * cluster or device outside the caller's grants does not exist for them (NOT_FOUND).
 */
export async function requireJobAccess(ctx: Pick<ServerContext, "db">, access: Access, jobId: string, minRole: Role = "viewer"): Promise<Role> {
  const job = await ctx.db.job.findUnique({ where: { id: jobId }, select: { title: true, targetType: true, targetId: true } });
  const role = job ? roleOnScope(access, await jobScopeFacts(ctx, job)) : null;
  if (!job || !role) throw new AppError("NOT_FOUND", `no job with id ${jobId}`);
  if (!roleAtLeast(role, minRole)) throw new AppError("FORBIDDEN", `this needs the ${minRole} role where "${job.title}" runs; you are ${role} there`);
  return role;
}
