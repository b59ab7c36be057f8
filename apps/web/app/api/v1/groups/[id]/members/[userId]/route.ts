import { apiRoute } from "@/src/server/http/api-route";
import { removeGroupMember } from "@/src/server/groups/remove-group-member";

// DELETE /api/v1/groups/:id/members/:userId – take a user out of the group (admin, browser session)
export const DELETE = apiRoute({ role: "admin", sessionOnly: true }, async ({ ctx, user, params }) => {
  await removeGroupMember(ctx, user, params.id!, params.userId!);
  return { ok: true };
});
