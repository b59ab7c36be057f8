import { ZUpdateClusterRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { getClusterDetail } from "@/src/server/fleet/get-cluster-detail";
import { deleteCluster, updateCluster } from "@/src/server/fleet/cluster-service";

// GET /api/v1/clusters/:id – one cluster with its nodes, workloads and recent events
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireClusterAccess(ctx, caller.access, params.id!);
  return getClusterDetail(ctx.db, params.id!);
});

// PATCH /api/v1/clusters/:id – replace the cluster's labels and/or move it to another site ({labels?, siteId?});
// operator on the cluster, before and after
export const PATCH = apiRoute({ role: "viewer", body: ZUpdateClusterRequest }, async ({ ctx, caller, params, body }) => updateCluster(ctx, caller.access, params.id!, body));

// DELETE /api/v1/clusters/:id – forget the cluster and revoke its agent (operator on the cluster)
export const DELETE = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireClusterAccess(ctx, caller.access, params.id!, "operator");
  await deleteCluster(ctx, caller.user, params.id!);
  return { ok: true };
});
