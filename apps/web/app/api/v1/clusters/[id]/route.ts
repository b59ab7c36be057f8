import { ZUpdateClusterRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { getClusterDetail } from "@/src/server/fleet/get-cluster-detail";
import { deleteCluster, updateCluster } from "@/src/server/fleet/cluster-service";

// GET /api/v1/clusters/:id – one cluster with its nodes, workloads and recent events
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => getClusterDetail(ctx.db, params.id!));

// PATCH /api/v1/clusters/:id – replace the cluster's labels and/or move it to another site ({labels?, siteId?})
export const PATCH = apiRoute({ role: "operator", body: ZUpdateClusterRequest }, async ({ ctx, user, params, body }) => updateCluster(ctx, user, params.id!, body));

// DELETE /api/v1/clusters/:id – forget the cluster and revoke its agent
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => {
  await deleteCluster(ctx, user, params.id!);
  return { ok: true };
});
