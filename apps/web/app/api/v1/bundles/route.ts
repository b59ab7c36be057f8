import { ZCreateBundleRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { listBundles } from "@/src/server/bundles/list-bundles";
import { createBundle } from "@/src/server/bundles/create-bundle";

// GET /api/v1/bundles – every bundle, newest first
export const GET = apiRoute({ role: "viewer" }, async ({ ctx }) => listBundles(ctx.db));

// POST /api/v1/bundles – accept and sign a bundle whose blobs are uploaded
export const POST = apiRoute({ role: "operator", body: ZCreateBundleRequest }, async ({ ctx, user, body }) =>
  Response.json(await createBundle(ctx, user, body.manifest), { status: 201 }),
);
