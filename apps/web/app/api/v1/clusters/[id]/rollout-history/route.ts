import { apiRoute } from "@/src/server/http/api-route";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { clusterRolloutHistory } from "@/src/server/rollouts/cluster-rollout-history";

// GET /api/v1/clusters/:id/rollout-history – what rollouts did to this cluster, newest first
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireClusterAccess(ctx, caller.access, params.id!);
  return clusterRolloutHistory(ctx.db, params.id!);
});
