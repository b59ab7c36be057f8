import type { GrantView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { GRANT_VIEW_INCLUDE, toGrantView } from "./to-grant-view";

/** Every grant, users' and groups', oldest first (admins only). */
export async function listGrants(db: Db): Promise<GrantView[]> {
  const rows = await db.grant.findMany({ include: GRANT_VIEW_INCLUDE, orderBy: { createdAt: "asc" } });
  return rows.map(toGrantView);
}
