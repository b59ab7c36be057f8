import { apiRoute } from "@/src/server/http/api-route";
import { deleteSavedView } from "@/src/server/views/saved-view-service";

// DELETE /api/v1/saved-views/:id – delete one of my saved views
export const DELETE = apiRoute({ role: "viewer" }, async ({ ctx, user, params }) => {
  await deleteSavedView(ctx.db, user, params.id!);
  return { ok: true };
});
