import { ZChangeOwnPasswordRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { SESSION_COOKIE } from "@/src/server/auth/authenticate";
import { changeOwnPassword } from "@/src/server/users/change-own-password";

// POST /api/v1/me/password – change my own password ({currentPassword, newPassword}); my other sessions end.
// Signed-in browsers only: a bearer token cannot change the credentials of its owner.
export const POST = apiRoute({ role: "viewer", sessionOnly: true, body: ZChangeOwnPasswordRequest }, async ({ ctx, user, body, req }) => {
  await changeOwnPassword(ctx, user, body, req.cookies.get(SESSION_COOKIE)?.value);
  return { ok: true };
});
