import { ZCreateRegistrationTokenRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireSiteVisible } from "@/src/server/access/require-site-visible";
import { createRegistrationToken } from "@/src/server/fleet/create-registration-token";
import { publicUrl } from "@/src/server/http/public-url";

// POST /api/v1/registration-tokens – "Add cluster": a one-time token and the agent command that uses it
// (operator where the new cluster will live: its site and labels decide, see createRegistrationToken)
export const POST = apiRoute({ role: "viewer", body: ZCreateRegistrationTokenRequest }, async ({ ctx, user, caller, body, req }) => {
  await requireSiteVisible(ctx, caller.access, body.siteId);
  return Response.json(await createRegistrationToken(ctx.db, user, caller.access, body, publicUrl(ctx.config, req)), { status: 201 });
});
