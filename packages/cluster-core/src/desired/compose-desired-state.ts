import type { KubeManifest } from "../driver/cluster-driver";
import { describeObjectRef, objectRefKey, objectRefOf } from "./object-ref";

/** Every object Outpost puts on a cluster carries this label… */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "outpost";
/** …and names the source that wants it. */
export const SOURCE_ANNOTATION = "outpost.io/source";

/** Source names: `operator`, `access`, `rollout:<id>`, `bundle:<id>`; lower case, short. */
export const SOURCE_NAME_PATTERN = /^[a-z][a-z0-9-]*(:[A-Za-z0-9_.-]{1,100})?$/;

export interface DesiredSourcePart {
  source: string;
  manifests: KubeManifest[];
}

export class DesiredStateConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DesiredStateConflictError";
  }
}

// Objects others depend on go first (a namespace before what lives in it, a CRD before its
// objects, roles before their bindings); deletion runs in the reverse order.
const KIND_ORDER = ["Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding"];
const rank = (kind: string) => {
  const i = KIND_ORDER.indexOf(kind);
  return i === -1 ? KIND_ORDER.length : i;
};

/**
 * One cluster's desired state from the parts its sources want (access bindings, bundles, chart
 * rollouts, an operator's own manifests): each object is labelled as Outpost's and annotated with
 * its source, and ordered so that dependencies are applied first. Two sources wanting the same
 * object is a conflict, refused rather than resolved silently. Pure: same parts, same result.
 */
export function composeDesiredState(parts: readonly DesiredSourcePart[]): KubeManifest[] {
  const owners = new Map<string, string>();
  const out: { manifest: KubeManifest; order: number }[] = [];
  const sorted = [...parts].sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  for (const { source, manifests } of sorted) {
    for (const m of manifests) {
      const ref = objectRefOf(m);
      const key = objectRefKey(ref);
      const owner = owners.get(key);
      if (owner !== undefined) {
        const who = owner === source ? `source '${source}' lists it twice` : `sources '${owner}' and '${source}' both want it`;
        throw new DesiredStateConflictError(`${describeObjectRef(ref)}: ${who}`);
      }
      owners.set(key, source);
      out.push({ manifest: stamp(m, source), order: out.length });
    }
  }
  return out.sort((a, b) => rank(a.manifest.kind) - rank(b.manifest.kind) || a.order - b.order).map((x) => x.manifest);
}

function stamp(m: KubeManifest, source: string): KubeManifest {
  const labels = asStringRecord(m.metadata.labels);
  const annotations = asStringRecord(m.metadata.annotations);
  return {
    ...m,
    metadata: {
      ...m.metadata,
      labels: { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
      annotations: { ...annotations, [SOURCE_ANNOTATION]: source },
    },
  };
}

function asStringRecord(v: unknown): Record<string, string> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return {};
  return Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"));
}
