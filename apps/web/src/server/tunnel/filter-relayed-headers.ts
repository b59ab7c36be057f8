import { ZTunnelPath } from "@outpost/cluster-core";

/**
 * Response headers a device's answer may carry to the caller: content description, caching, and
 * the API server's own. Everything else — set-cookie above all, hop-by-hop headers, lengths
 * (the centre frames what it relays), security policies — stays behind.
 */
const ALLOWED = new Set([
  "content-type",
  "content-encoding",
  "cache-control",
  "etag",
  "last-modified",
  "expires",
  "vary",
  "warning",
  "retry-after",
  "audit-id",
  "x-kubernetes-pf-flowschema-uid",
  "x-kubernetes-pf-prioritylevel-uid",
]);
/** A header name is an RFC 9110 token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII, spaces and tabs: no CR, LF, NUL or anything Node would refuse to write. */
const VALUE = /^[\t\x20-\x7e]*$/;

/** Every relayed answer: nothing in it runs on the centre's origin, and its type is taken as given. */
export const SANDBOX_HEADERS = { "content-security-policy": "sandbox", "x-content-type-options": "nosniff" } as const;

export type RelayedHeaders = { ok: true; headers: Record<string, string | string[]> } | { ok: false; message: string };

/**
 * The headers the centre sends for a device's answer: allowed names only (lower-cased, so one
 * spelling each), well-formed values only, a redirect only to a path under the cluster's own
 * proxy prefix (rewritten to carry it), and the sandbox headers.
 */
export function filterRelayedHeaders(device: Record<string, string | string[]>, proxyPrefix: string): RelayedHeaders {
  const headers: Record<string, string | string[]> = {};
  for (const [rawName, rawValue] of Object.entries(device)) {
    const name = rawName.toLowerCase();
    if (!TOKEN.test(rawName)) continue;
    const all = Array.isArray(rawValue) ? rawValue : [rawValue];
    if (name === "location") {
      const target = all[0] ?? "";
      if (all.length !== 1 || !VALUE.test(target) || !ZTunnelPath.safeParse(target).success) return { ok: false, message: "the cluster answered with a redirect outside its API; not relayed" };
      headers.location = `${proxyPrefix}${target}`;
      continue;
    }
    const values = all.filter((v) => VALUE.test(v));
    if (values.length === 0) continue;
    if (!ALLOWED.has(name)) continue;
    const prior = headers[name];
    headers[name] = prior === undefined ? (values.length === 1 ? values[0]! : values) : [...(Array.isArray(prior) ? prior : [prior]), ...values];
  }
  return { ok: true, headers: { ...headers, ...SANDBOX_HEADERS } };
}
