import type { HttpMethod } from "@outpost/cluster-core";

/** What the audit log records about one kube API request, or null for a routine read. */
export interface KubeAuditEntry {
  /** e.g. k8s.delete, k8s.exec, k8s.read-secret, k8s.proxy */
  action: string;
  details: Record<string, unknown>;
}

const STREAMING_SUBRESOURCES: Record<string, string> = { exec: "k8s.exec", attach: "k8s.attach", portforward: "k8s.port-forward" };

/**
 * Decides which kube API requests are audited: every change, and the reads that matter —
 * Secrets, pod logs, exec/attach/port-forward (with pod, container and command), and the
 * pod/service/node proxy (which reaches whatever runs behind it). Works on the raw path, which
 * parse-k8s-proxy-url has already checked (no dot segments, no encoded slashes).
 */
export function classifyKubeRequest(method: HttpMethod, rawPath: string): KubeAuditEntry | null {
  const q = rawPath.indexOf("?");
  const path = q === -1 ? rawPath : rawPath.slice(0, q);
  const query = new URLSearchParams(q === -1 ? "" : rawPath.slice(q + 1));
  const segs = path.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  // /api/v1/... or /apis/<group>/<version>/...
  const rest = segs[0] === "api" ? segs.slice(2) : segs[0] === "apis" ? segs.slice(3) : null;
  const group = segs[0] === "apis" ? (segs[1] ?? "") : "";
  let namespace: string | undefined;
  let r = rest ?? [];
  if (r[0] === "namespaces" && r.length >= 3) {
    namespace = r[1];
    r = r.slice(2);
  }
  const [resource, name, subresource] = r;
  const base = { path, ...(namespace ? { namespace } : {}), ...(resource ? { resource } : {}), ...(name ? { name } : {}) };

  if (group === "" && resource === "pods" && name && subresource && STREAMING_SUBRESOURCES[subresource]) {
    return {
      action: STREAMING_SUBRESOURCES[subresource],
      details: {
        ...base,
        pod: name,
        ...(query.get("container") ? { container: query.get("container") } : {}),
        ...(query.getAll("command").length ? { command: query.getAll("command") } : {}),
        ...(query.getAll("ports").length ? { ports: query.getAll("ports") } : {}),
      },
    };
  }
  if (group === "" && subresource === "proxy" && (resource === "pods" || resource === "services" || resource === "nodes")) {
    return { action: "k8s.proxy", details: { ...base, method } };
  }
  if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") return { action: `k8s.${method.toLowerCase()}`, details: base };
  if (group === "" && resource === "secrets") return { action: "k8s.read-secret", details: { ...base, watch: query.get("watch") === "true" || query.get("watch") === "1" } };
  if (group === "" && resource === "pods" && name && subresource === "log") {
    return { action: "k8s.logs", details: { ...base, pod: name, ...(query.get("container") ? { container: query.get("container") } : {}), follow: query.get("follow") === "true" } };
  }
  return null;
}
