import { ZSetDesiredStateRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { getDesiredState } from "@/src/server/desired/get-desired-state";
import { setOperatorDesiredState } from "@/src/server/desired/set-operator-desired-state";

// GET /api/v1/clusters/:id/desired-state – what the centre wants on the cluster (by source), and what the agent applied
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireClusterAccess(ctx, caller.access, params.id!);
  return getDesiredState(ctx.db, params.id!);
});

// PUT /api/v1/clusters/:id/desired-state – replace the operator's own manifests (a new generation; operator on the cluster)
export const PUT = apiRoute({ role: "viewer", body: ZSetDesiredStateRequest }, async ({ ctx, caller, params, body }) => {
  await requireClusterAccess(ctx, caller.access, params.id!, "operator");
  return setOperatorDesiredState(ctx, caller.user, params.id!, body.manifests);
});
