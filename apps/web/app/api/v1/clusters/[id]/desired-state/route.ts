import { ZSetDesiredStateRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { getDesiredState, setDesiredState } from "@/src/server/fleet/desired-state-service";

// GET /api/v1/clusters/:id/desired-state – what the centre wants on the cluster, and what the agent applied
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => getDesiredState(ctx.db, params.id!));

// PUT /api/v1/clusters/:id/desired-state – replace the desired manifests (a new generation)
export const PUT = apiRoute({ role: "operator", body: ZSetDesiredStateRequest }, async ({ ctx, user, params, body }) =>
  setDesiredState(ctx, user, params.id!, body.manifests),
);
