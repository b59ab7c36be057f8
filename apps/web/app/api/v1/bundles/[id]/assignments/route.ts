import { ZAssignBundleRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { assignBundle } from "@/src/server/bundles/assign-bundle";

// POST /api/v1/bundles/:id/assignments – want the bundle on a cluster or on every cluster a selector matches
export const POST = apiRoute({ role: "operator", body: ZAssignBundleRequest }, async ({ ctx, user, params, body }) =>
  Response.json(await assignBundle(ctx, user, params.id!, body), { status: 201 }),
);
