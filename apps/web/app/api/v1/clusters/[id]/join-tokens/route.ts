import { ZCreateJoinTokenRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { createJoinToken } from "@/src/server/provision/join/create-join-token";

// POST /api/v1/clusters/:id/join-tokens – "Add node → Run a command": a single-use token and the line to paste on the new device
export const POST = apiRoute({ role: "operator", body: ZCreateJoinTokenRequest }, async ({ ctx, user, params, body, req }) =>
  Response.json(await createJoinToken(ctx, user, params.id!, body, publicUrl(ctx.config, req)), { status: 201 }),
);
