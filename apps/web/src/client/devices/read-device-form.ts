import { ZCreateDeviceRequest, type CreateDeviceRequest } from "@outpost/cluster-core";
import { parseLabelLines } from "../parse-label-lines";

export type DeviceFormValues = Record<string, string | string[]>;

export type DeviceFormResult = { ok: true; body: CreateDeviceRequest } | { ok: false; errors: Record<string, string> };

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? "")).trim();
const list = (v: string | string[] | undefined) => str(v).split(/[\s,]+/).filter(Boolean);

/**
 * The Add-device form's fields as an API body, checked with the server's own schema. Errors are
 * keyed by the field they belong to (`auth.privateKey`, `k3s.tlsSan`, …).
 */
export function readDeviceForm(values: DeviceFormValues): DeviceFormResult {
  const errors: Record<string, string> = {};
  const labels = parseLabelLines(str(values.labels));
  if (!labels.ok) errors.labels = labels.error;
  const nodeLabels = parseLabelLines(str(values.nodeLabels));
  if (!nodeLabels.ok) errors["k3s.nodeLabels"] = nodeLabels.error;
  const nodeTaints = str(values.nodeTaints)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^([^=:\s]+)(?:=([^:\s]*))?:(\S+)$/.exec(line);
      if (!m) errors["k3s.nodeTaints"] ??= `'${line}' is not key=value:Effect (e.g. dedicated=pos:NoSchedule)`;
      return { key: m?.[1] ?? "", value: m?.[2] ?? "", effect: m?.[3] ?? "" };
    });
  const method = str(values.authMethod) === "password" ? "password" : "key";
  const role = str(values.role) === "agent" ? "agent" : "server";
  const passphrase = str(values.passphrase);
  const serverUrl = str(values.serverUrl);
  const datastoreEndpoint = str(values.datastoreEndpoint);
  const bundleId = str(values.bundleId);
  const body = {
    name: str(values.name),
    host: str(values.host),
    port: Number(str(values.port) || "22"),
    username: str(values.username),
    auth:
      method === "key"
        ? { method, privateKey: (Array.isArray(values.privateKey) ? values.privateKey[0] : values.privateKey) ?? "", ...(passphrase ? { passphrase } : {}) }
        : { method, password: (Array.isArray(values.password) ? values.password[0] : values.password) ?? "" },
    siteId: str(values.siteId),
    labels: labels.ok ? labels.labels : {},
    target: role === "server" ? { role, clusterName: str(values.clusterName) } : { role, clusterId: str(values.clusterId), ...(serverUrl ? { serverUrl } : {}) },
    k3s: {
      disable: Array.isArray(values.disable) ? values.disable : values.disable ? [values.disable] : [],
      nodeLabels: nodeLabels.ok ? nodeLabels.labels : {},
      nodeTaints,
      tlsSan: list(values.tlsSan),
      ...(datastoreEndpoint ? { datastoreEndpoint } : {}),
    },
    ...(bundleId ? { bundleId } : {}),
  };
  if (!body.siteId) errors.siteId = "pick the site the device is at";
  if (role === "agent" && !str(values.clusterId)) errors["target.clusterId"] = "pick the cluster to join";
  const parsed = ZCreateDeviceRequest.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const key = path[0] === "k3s" || path[0] === "auth" || path[0] === "target" ? path.slice(0, 2).join(".") : (path[0] ?? "");
      errors[key] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}
