import { ZCreateApiTokenRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createApiToken, listApiTokens } from "@/src/server/users/api-token-service";

// GET /api/v1/api-tokens – my API tokens
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, user }) => listApiTokens(ctx.db, user));

// POST /api/v1/api-tokens – create an API token; the token is in this response only.
// A browser session only: no token can mint another (longer-lived) one.
export const POST = apiRoute({ role: "viewer", sessionOnly: true, body: ZCreateApiTokenRequest }, async ({ ctx, user, body }) =>
  Response.json(await createApiToken(ctx.db, user, body), { status: 201 }),
);
