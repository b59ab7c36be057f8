import type { KubeManifest } from "../driver/cluster-driver";
import { objectRefKey, objectRefOf, type ObjectRef } from "./object-ref";

const FIRST_DELETED_LAST = ["Namespace", "CustomResourceDefinition"];

/**
 * The objects applied for an earlier generation that the next one no longer lists: desired state
 * deletes what it stopped wanting instead of leaving it behind. Namespaces and CRDs go last, since
 * deleting them takes everything inside with it.
 */
export function objectsToPrune(previous: readonly ObjectRef[], next: readonly KubeManifest[]): ObjectRef[] {
  const wanted = new Set(next.map((m) => objectRefKey(objectRefOf(m))));
  const seen = new Set<string>();
  const gone: ObjectRef[] = [];
  for (const ref of previous) {
    const key = objectRefKey(ref);
    if (wanted.has(key) || seen.has(key)) continue;
    seen.add(key);
    gone.push(ref);
  }
  const late = (r: ObjectRef) => (FIRST_DELETED_LAST.includes(r.kind) ? 1 : 0);
  return gone.sort((a, b) => late(a) - late(b));
}
