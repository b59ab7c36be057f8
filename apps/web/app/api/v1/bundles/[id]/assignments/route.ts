import { ZAssignBundleRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { assignBundle } from "@/src/server/bundles/assign-bundle";
import { getBundleDetail } from "@/src/server/bundles/get-bundle-detail";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";
import { operatesEveryCluster } from "@/src/server/access/operates-every-cluster";
import { AppError } from "@/src/server/errors/app-error";

// POST /api/v1/bundles/:id/assignments – want the bundle on a cluster or on every cluster a selector matches.
// One cluster needs the operator role there; a selector reaches clusters not yet known, so it needs operator on all clusters.
export const POST = apiRoute({ role: "operator", body: ZAssignBundleRequest }, async ({ ctx, user, caller, params, body }) => {
  if ("clusterId" in body) await requireClusterAccess(ctx, caller.access, body.clusterId, "operator");
  else if (!operatesEveryCluster(caller.access)) {
    throw new AppError("FORBIDDEN", "assigning by label selector needs the operator role on every cluster; assign to single clusters instead");
  }
  await assignBundle(ctx, user, params.id!, body);
  return Response.json(await getBundleDetail(ctx.db, params.id!, await visibleClusterIds(ctx, caller.access)), { status: 201 });
});
