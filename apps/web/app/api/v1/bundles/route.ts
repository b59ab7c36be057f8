import { ZCreateBundleRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { listBundles } from "@/src/server/bundles/list-bundles";
import { createBundle } from "@/src/server/bundles/create-bundle";
import { visibleClustersWhere } from "@/src/server/access/visible-clusters-where";

// GET /api/v1/bundles – every bundle, newest first (its cluster counts cover the clusters the caller may see)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller }) => listBundles(ctx.db, await visibleClustersWhere(ctx, caller.access)));

// POST /api/v1/bundles – accept and sign a bundle whose blobs are uploaded
export const POST = apiRoute({ role: "operator", body: ZCreateBundleRequest }, async ({ ctx, user, body }) =>
  Response.json(await createBundle(ctx, user, body.manifest), { status: 201 }),
);
