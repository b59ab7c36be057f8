import { ZComposeBundleRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { composeBundle } from "@/src/server/bundles/compose-bundle";

// POST /api/v1/bundles/compose – a bundle from uploaded blobs; the centre writes and signs the manifest
export const POST = apiRoute({ role: "operator", body: ZComposeBundleRequest }, async ({ ctx, user, body }) =>
  Response.json(await composeBundle(ctx, user, body), { status: 201 }),
);
