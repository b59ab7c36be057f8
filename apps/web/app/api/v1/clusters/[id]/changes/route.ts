import { ZClusterChangesQuery } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { listClusterChanges } from "@/src/server/fleet/list-cluster-changes";

// GET /api/v1/clusters/:id/changes?page=1&pageSize=50 – the cluster's changes, newest first, paged (viewer on the cluster)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params, req }) => {
  const sp = req.nextUrl.searchParams;
  const query = parseOrThrow(ZClusterChangesQuery, { page: sp.get("page") ?? undefined, pageSize: sp.get("pageSize") ?? undefined }, "query");
  await requireClusterAccess(ctx, caller.access, params.id!);
  return listClusterChanges(ctx.db, params.id!, query);
});
