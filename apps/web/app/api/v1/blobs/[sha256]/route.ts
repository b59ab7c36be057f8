import { Readable } from "node:stream";
import { apiRoute } from "@/src/server/http/api-route";
import { storeUploadedBlob } from "@/src/server/bundles/store-uploaded-blob";

// PUT /api/v1/blobs/:sha256 – upload a blob (raw body) that must hash to :sha256
export const PUT = apiRoute({ role: "operator" }, async ({ ctx, req, params }) => Response.json(await storeUploadedBlob(ctx, req, params.sha256!), { status: 201 }));

// GET /api/v1/blobs/:sha256 – download a blob (streamed)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, params }) => {
  const size = await ctx.bundles.blobs.size(params.sha256!);
  const stream = await ctx.bundles.blobs.read(params.sha256!);
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    headers: { "content-type": "application/octet-stream", "content-length": String(size), "x-content-type-options": "nosniff" },
  });
});
