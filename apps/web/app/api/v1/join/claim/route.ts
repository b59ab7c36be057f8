import { ZJoinClaimRequest } from "@outpost/cluster-core";
import { publicRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { claimJoinToken } from "@/src/server/provision/join/claim-join-token";

// POST /api/v1/join/claim – a device trades its join token (Authorization: Bearer jnt_…) for its join script
export const POST = publicRoute(ZJoinClaimRequest, async ({ ctx, body, req }) => {
  const script = await claimJoinToken(ctx, req.headers.get("authorization"), body, publicUrl(ctx.config, req));
  return new Response(script, { headers: { "content-type": "text/x-shellscript; charset=utf-8", "cache-control": "no-store" } });
});
