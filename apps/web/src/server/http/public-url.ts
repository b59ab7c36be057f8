import type { NextRequest } from "next/server";
import type { Config } from "../config";

/** The address devices should dial: OUTPOST_PUBLIC_URL, else what the browser used to reach us. */
export function publicUrl(config: Config, req: NextRequest): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, "");
  const proto = req.headers.get("x-forwarded-proto") ?? (config.tlsCertFile ? "https" : "http");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? `localhost:${config.port}`;
  return `${proto}://${host}`;
}
