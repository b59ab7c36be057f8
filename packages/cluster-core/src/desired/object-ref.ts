import { z } from "zod";
import type { KubeManifest } from "../driver/cluster-driver";

/** Names one Kubernetes object: enough to delete it, and to tell two manifests of one object apart. */
export const ZObjectRef = z.object({
  apiVersion: z.string().min(1).max(253),
  kind: z.string().min(1).max(63),
  name: z.string().min(1).max(253),
  namespace: z.string().min(1).max(63).optional(),
});
export type ObjectRef = z.infer<typeof ZObjectRef>;

/** The reference of a manifest's object. */
export function objectRefOf(m: KubeManifest): ObjectRef {
  return { apiVersion: m.apiVersion, kind: m.kind, name: m.metadata.name, ...(m.metadata.namespace ? { namespace: m.metadata.namespace } : {}) };
}

/**
 * A key that is equal for two references to the same object. The API group counts, its version
 * does not: `apps/v1` and `apps/v1beta1` Deployments with one name are one object.
 */
export function objectRefKey(ref: ObjectRef): string {
  const group = ref.apiVersion.includes("/") ? ref.apiVersion.slice(0, ref.apiVersion.indexOf("/")) : "";
  return `${group}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
}

/** `Kind/namespace/name`, for messages. */
export function describeObjectRef(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}
