import { ZMissingBlobsRequest, type MissingBlobsResponse } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";

// POST /api/v1/blobs/missing – which of these blobs the centre lacks (upload only those)
export const POST = apiRoute({ role: "operator", body: ZMissingBlobsRequest }, async ({ ctx, body }): Promise<MissingBlobsResponse> => {
  const sizes = await Promise.all(body.sha256s.map((sha) => ctx.bundles.blobs.size(sha)));
  return { missing: body.sha256s.filter((_, i) => sizes[i] === null) };
});
