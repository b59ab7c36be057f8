import type { NextRequest } from "next/server";
import type { Config } from "../config";

/** Secure cookies over HTTPS (directly or behind a TLS-terminating proxy), or when forced. */
export function useSecureCookies(config: Config, req: NextRequest): boolean {
  if (config.secureCookies !== "auto") return config.secureCookies === "true";
  return Boolean(config.tlsCertFile) || req.headers.get("x-forwarded-proto") === "https";
}
