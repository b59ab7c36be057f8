import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import type { Access } from "./access";
import { visibleClustersWhere } from "./visible-clusters-where";
import { visibleSitesWhere } from "./visible-sites-where";

/** A site the caller may not see answers like one that does not exist (NOT_FOUND). */
export async function requireSiteVisible(ctx: Pick<ServerContext, "db">, access: Access, siteId: string): Promise<void> {
  const clusters = await visibleClustersWhere(ctx, access);
  const found = await ctx.db.site.count({ where: { AND: [{ id: siteId }, visibleSitesWhere(access, clusters)] } });
  if (found === 0) throw new AppError("NOT_FOUND", `no site with id ${siteId}`);
}
