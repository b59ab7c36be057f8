import { ZPreviewRolloutRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";
import { previewRollout } from "@/src/server/rollouts/preview-rollout";

// POST /api/v1/rollouts/preview – the caller's clusters a selector matches now and the waves they would make
export const POST = apiRoute({ role: "viewer", body: ZPreviewRolloutRequest }, async ({ ctx, caller, body }) =>
  previewRollout(ctx.db, body.selector, body.strategy, await visibleClusterIds(ctx, caller.access)),
);
