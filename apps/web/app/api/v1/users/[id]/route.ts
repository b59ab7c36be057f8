import { ZUpdateUserRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { SESSION_COOKIE } from "@/src/server/auth/authenticate";
import { deleteUser, updateUser } from "@/src/server/users/user-service";

// PATCH /api/v1/users/:id – change role, disable/enable, reset password (admin)
// Role, disabled and password changes can end access: the auth cache forgets everyone.
export const PATCH = apiRoute({ role: "admin", body: ZUpdateUserRequest }, async ({ ctx, user, params, body, req }) => {
  const updated = await updateUser(ctx.db, user, params.id!, body, req.cookies.get(SESSION_COOKIE)?.value);
  ctx.authCache.clear();
  return updated;
});

// DELETE /api/v1/users/:id – delete a user (admin)
export const DELETE = apiRoute({ role: "admin" }, async ({ ctx, user, params }) => {
  await deleteUser(ctx.db, user, params.id!);
  ctx.authCache.clear();
  return { ok: true };
});
