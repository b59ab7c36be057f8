import { apiRoute } from "@/src/server/http/api-route";
import { clusterRolloutHistory } from "@/src/server/rollouts/cluster-rollout-history";

// GET /api/v1/clusters/:id/rollout-history – what rollouts did to this cluster, newest first
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => clusterRolloutHistory(ctx.db, params.id!));
