import { ZUpdateUserRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { deleteUser, updateUser } from "@/src/server/users/user-service";

// PATCH /api/v1/users/:id – change role, disable/enable, reset password (admin)
export const PATCH = apiRoute({ role: "admin", body: ZUpdateUserRequest }, async ({ ctx, user, params, body }) =>
  updateUser(ctx.db, user, params.id!, body),
);

// DELETE /api/v1/users/:id – delete a user (admin)
export const DELETE = apiRoute({ role: "admin" }, async ({ ctx, user, params }) => {
  await deleteUser(ctx.db, user, params.id!);
  return { ok: true };
});
