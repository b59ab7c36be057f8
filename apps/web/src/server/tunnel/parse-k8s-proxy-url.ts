import { ZId, ZTunnelPath } from "@outpost/cluster-core";

export const K8S_PREFIX = "/k8s/clusters/";

export type ParsedProxyUrl = { ok: true; clusterId: string; path: string } | { ok: false; status: 400 | 404; message: string };

/**
 * Splits /k8s/clusters/:id/<path>?<query> into the cluster and the API path, from the raw
 * request target. It deliberately does not use `new URL()`: URL normalisation resolves
 * `..` and `%2e%2e`, which would quietly turn a request for one cluster into one for another.
 * Anything with dot segments, encoded slashes or encoded control characters is refused instead.
 */
export function parseK8sProxyUrl(rawUrl: string): ParsedProxyUrl {
  if (!rawUrl.startsWith(K8S_PREFIX)) return { ok: false, status: 404, message: "not a cluster API address" };
  const q = rawUrl.indexOf("?");
  const rawPath = q === -1 ? rawUrl : rawUrl.slice(0, q);
  const query = q === -1 ? "" : rawUrl.slice(q);
  const segments = rawPath.slice(K8S_PREFIX.length).split("/");
  for (const seg of segments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      return { ok: false, status: 400, message: "the path is not valid percent-encoding" };
    }
    if (decoded === "." || decoded === ".." || /[/\\]/.test(decoded)) return { ok: false, status: 400, message: "dot segments and encoded slashes are not allowed in the path" };
    // Encoded CR/LF and other control characters have no place in an API path; refused here
    // rather than left to whatever parses the path after the tunnel.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(decoded)) return { ok: false, status: 400, message: "control characters are not allowed in the path" };
  }
  const [clusterId = "", ...rest] = segments;
  if (!ZId.safeParse(clusterId).success) return { ok: false, status: 404, message: "no such cluster" };
  const path = `/${rest.join("/")}${query}`;
  const valid = ZTunnelPath.safeParse(path);
  if (!valid.success) return { ok: false, status: 400, message: valid.error.issues[0]?.message ?? "invalid path" };
  return { ok: true, clusterId, path };
}
