import { ZId } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { parseOrThrow } from "@/src/server/errors/parse-or-throw";
import { revokeRegistrationToken } from "@/src/server/fleet/revoke-registration-token";

// DELETE /api/v1/registration-tokens/:id – revoke a pending registration (operator where the cluster would live)
export const DELETE = apiRoute({ role: "viewer" }, async ({ ctx, user, caller, params }) => {
  const id = parseOrThrow(ZId, params.id, "id");
  await revokeRegistrationToken(ctx, user, caller.access, id);
  return { ok: true };
});
