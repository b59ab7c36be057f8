import type { IncomingMessage } from "node:http";
import { AppError } from "../errors/app-error";

/** Methods the centre serves anywhere; anything else (TRACE, CONNECT, WebDAV…) is refused before routing. */
export const SERVED_METHODS = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"] as const;
const SERVED = new Set<string>(SERVED_METHODS);

/**
 * Checks what can be checked of a request before any handler runs, so that a request Node or a
 * handler would choke on is refused with nothing done: the method, the framing (a
 * Transfer-Encoding other than plain chunked makes Node answer 400 after the handler ran), the
 * form of the request target and the percent-encoding of its path. Returns the refusal, or null to go on.
 */
export function screenRequest(req: IncomingMessage): AppError | null {
  if (!SERVED.has(req.method ?? "")) return new AppError("METHOD_NOT_ALLOWED", "this method is not served by Outpost");
  const te = req.headers["transfer-encoding"];
  if (te !== undefined && te.trim().toLowerCase() !== "chunked") {
    return new AppError("BAD_REQUEST", "Transfer-Encoding must be 'chunked' or absent");
  }
  const url = req.url ?? "/";
  // Only origin-form targets ("/path?query"): not absolute URLs (the centre is no proxy), not "*",
  // not "//host/…" (which clients may read as another host).
  if (!url.startsWith("/") || url.startsWith("//")) return new AppError("BAD_REQUEST", "the request target must be a path starting with a single '/'");
  const q = url.indexOf("?");
  try {
    decodeURIComponent(q === -1 ? url : url.slice(0, q));
  } catch {
    return new AppError("BAD_REQUEST", "the address is not valid percent-encoding (UTF-8)");
  }
  return null;
}
