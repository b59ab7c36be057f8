import { ZUpdateUserRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { SESSION_COOKIE } from "@/src/server/auth/authenticate";
import { deleteUser, updateUser } from "@/src/server/users/user-service";

// PATCH /api/v1/users/:id – change role, disable/enable, reset password (admin)
// A browser session only: a token must not hand out roles or passwords.
export const PATCH = apiRoute({ role: "admin", sessionOnly: true, body: ZUpdateUserRequest }, async ({ ctx, user, params, body, req }) => {
  return updateUser(ctx, user, params.id!, body, req.cookies.get(SESSION_COOKIE)?.value);
});

// DELETE /api/v1/users/:id – delete a user (admin)
export const DELETE = apiRoute({ role: "admin", sessionOnly: true }, async ({ ctx, user, params }) => {
  await deleteUser(ctx, user, params.id!);
  return { ok: true };
});
