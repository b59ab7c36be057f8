import { ZUpdateClusterRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { getClusterDetail } from "@/src/server/fleet/get-cluster-detail";
import { deleteCluster, updateClusterLabels } from "@/src/server/fleet/cluster-service";

// GET /api/v1/clusters/:id – one cluster with its nodes, workloads and recent events
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => getClusterDetail(ctx.db, params.id!));

// PATCH /api/v1/clusters/:id – replace the cluster's labels
export const PATCH = apiRoute({ role: "operator", body: ZUpdateClusterRequest }, async ({ ctx, user, params, body }) =>
  updateClusterLabels(ctx, user, params.id!, body.labels),
);

// DELETE /api/v1/clusters/:id – forget the cluster and revoke its agent
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => {
  await deleteCluster(ctx, user, params.id!);
  return { ok: true };
});
