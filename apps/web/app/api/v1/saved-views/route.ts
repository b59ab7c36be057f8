import { ZCreateSavedViewRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { listSavedViews, saveView } from "@/src/server/views/saved-view-service";

// GET /api/v1/saved-views – my saved fleet views
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, user }) => listSavedViews(ctx.db, user));

// POST /api/v1/saved-views – save the fleet list's filter under a name (the same name replaces it)
export const POST = apiRoute({ role: "viewer", body: ZCreateSavedViewRequest }, async ({ ctx, user, body }) =>
  Response.json(await saveView(ctx.db, user, body), { status: 201 }),
);
