import { NextResponse } from "next/server";
import { ZLoginRequest } from "@outpost/cluster-core";
import { publicRoute } from "@/src/server/http/api-route";
import { login } from "@/src/server/auth/login";
import { SESSION_COOKIE } from "@/src/server/auth/authenticate";
import { useSecureCookies } from "@/src/server/http/use-secure-cookies";

// POST /api/v1/auth/login – sign in; sets the httpOnly session cookie
export const POST = publicRoute(ZLoginRequest, async ({ ctx, body, req }) => {
  const { user, token, expiresAt } = await login(ctx.db, ctx.loginThrottle, body, ctx.config.sessionTtlHours);
  const res = NextResponse.json({ user });
  res.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/", expires: expiresAt, secure: useSecureCookies(ctx.config, req) });
  return res;
});
