import { apiRoute } from "@/src/server/http/api-route";
import { deleteGroup } from "@/src/server/groups/delete-group";

// DELETE /api/v1/groups/:id – delete a group, its memberships and its grants (admin, browser session)
export const DELETE = apiRoute({ role: "admin", sessionOnly: true }, async ({ ctx, user, params }) => {
  await deleteGroup(ctx, user, params.id!);
  return { ok: true };
});
