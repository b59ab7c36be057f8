import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The policy of every page: scripts only from this origin with this response's nonce (Next.js
 * reads the nonce from the request's own CSP header and puts it on its scripts), no plugins, no
 * framing by anyone (clickjacking), forms and base URLs to this origin only. Styles may be
 * inline (React style attributes); development adds 'unsafe-eval' for hot reload.
 */
export function uiContentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Puts the UI's security headers on a response that Next.js is about to render, with a fresh nonce. */
export function applyUiSecurityHeaders(req: IncomingMessage, res: ServerResponse, dev: boolean): void {
  const csp = uiContentSecurityPolicy(randomBytes(16).toString("base64"), dev);
  req.headers["content-security-policy"] = csp;
  res.setHeader("content-security-policy", csp);
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "same-origin");
}
