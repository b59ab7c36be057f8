import type { NextRequest } from "next/server";
import { AppError } from "../errors/app-error";

/**
 * Browsers always send Origin on cross-site writes; a cookie-authenticated write must come from
 * this host. The host is the Host header as Next passes it on (X-Forwarded-Host only when the
 * centre took it from a trusted proxy: server.ts strips it from everyone else).
 */
export function assertSameOrigin(req: NextRequest): void {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("FORBIDDEN", "cross-site request refused");
  }
  if (originHost !== host) throw new AppError("FORBIDDEN", "cross-site request refused");
}
