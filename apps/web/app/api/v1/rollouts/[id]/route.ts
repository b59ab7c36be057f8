import { apiRoute } from "@/src/server/http/api-route";
import { deleteRollout } from "@/src/server/rollouts/delete-rollout";
import { getRolloutDetail } from "@/src/server/rollouts/get-rollout-detail";

// GET /api/v1/rollouts/:id – progress per wave and per cluster, timeline, allowed actions
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => getRolloutDetail(ctx, params.id!));

// DELETE /api/v1/rollouts/:id – delete a rollout; its HelmChart leaves the clusters where it is the latest of its release
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => {
  await deleteRollout(ctx, user, params.id!);
  return { ok: true };
});
