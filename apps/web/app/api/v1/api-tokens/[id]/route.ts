import { apiRoute } from "@/src/server/http/api-route";
import { revokeApiToken } from "@/src/server/users/api-token-service";

// DELETE /api/v1/api-tokens/:id – revoke one of my API tokens
export const DELETE = apiRoute({ role: "viewer" }, async ({ ctx, user, params }) => {
  await revokeApiToken(ctx, user, params.id!);
  return { ok: true };
});
