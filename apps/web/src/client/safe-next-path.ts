/**
 * Where to go after signing in: only a path on this site (never `//evil.example` or a URL),
 * never back to /login itself; anything else means the fleet overview.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/api/")) return "/";
  return next;
}
