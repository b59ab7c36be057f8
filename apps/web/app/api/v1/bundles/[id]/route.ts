import { apiRoute } from "@/src/server/http/api-route";
import { getBundleDetail } from "@/src/server/bundles/get-bundle-detail";
import { deleteBundle } from "@/src/server/bundles/delete-bundle";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";

// GET /api/v1/bundles/:id – a bundle's blobs, assignments, and where it stands on each cluster the caller may see
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => getBundleDetail(ctx.db, params.id!, await visibleClusterIds(ctx, caller.access)));

// DELETE /api/v1/bundles/:id – delete a bundle; devices drop it from their stores
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, params }) => {
  await deleteBundle(ctx, user, params.id!);
  return new Response(null, { status: 204 });
});
