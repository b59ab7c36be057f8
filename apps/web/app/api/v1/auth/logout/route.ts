import { NextResponse, type NextRequest } from "next/server";
import { getServerContext } from "@/src/server/context";
import { deleteSession } from "@/src/server/auth/sessions";
import { readCookie, SESSION_COOKIE } from "@/src/server/auth/authenticate";
import { assertSameOrigin } from "@/src/server/http/assert-same-origin";
import { errorResponse } from "@/src/server/http/error-response";

// POST /api/v1/auth/logout – end this browser's session (harmless when already signed out)
export async function POST(req: NextRequest): Promise<Response> {
  try {
    // Another site must not sign the user out (the cookie would travel with its request).
    assertSameOrigin(req);
    const token = readCookie(req.headers.get("cookie"), SESSION_COOKIE);
    const ctx = getServerContext();
    if (token) await deleteSession(ctx, token);
    const res = NextResponse.json({ ok: true });
    res.cookies.delete(SESSION_COOKIE);
    return res;
  } catch (err) {
    return errorResponse(err);
  }
}
