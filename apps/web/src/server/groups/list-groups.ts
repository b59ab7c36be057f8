import type { GroupView } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import { GROUP_VIEW_INCLUDE, toGroupView } from "./to-group-view";

export async function listGroups(db: Db): Promise<GroupView[]> {
  return (await db.group.findMany({ include: GROUP_VIEW_INCLUDE, orderBy: { name: "asc" } })).map(toGroupView);
}
