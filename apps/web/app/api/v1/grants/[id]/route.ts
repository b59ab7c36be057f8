import { apiRoute } from "@/src/server/http/api-route";
import { deleteGrant } from "@/src/server/grants/delete-grant";

// DELETE /api/v1/grants/:id – take a grant away (admin, browser session)
export const DELETE = apiRoute({ role: "admin", sessionOnly: true }, async ({ ctx, user, params }) => {
  await deleteGrant(ctx, user, params.id!);
  return { ok: true };
});
