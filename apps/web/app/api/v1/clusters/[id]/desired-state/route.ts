import { ZSetDesiredStateRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { getDesiredState } from "@/src/server/desired/get-desired-state";
import { setOperatorDesiredState } from "@/src/server/desired/set-operator-desired-state";

// GET /api/v1/clusters/:id/desired-state – what the centre wants on the cluster (by source), and what the agent applied
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => getDesiredState(ctx.db, params.id!));

// PUT /api/v1/clusters/:id/desired-state – replace the operator's own manifests (a new generation)
export const PUT = apiRoute({ role: "operator", body: ZSetDesiredStateRequest }, async ({ ctx, user, params, body }) =>
  setOperatorDesiredState(ctx, user, params.id!, body.manifests),
);
