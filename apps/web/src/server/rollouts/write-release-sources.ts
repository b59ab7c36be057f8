import type { KubeManifest } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { setDesiredSourceForClusters } from "../desired/set-desired-source";

/**
 * The desired-state source a release's HelmChart belongs to. One per release (not per rollout),
 * so a newer rollout or a rollback of the release replaces the HelmChart in place in one
 * generation: a source that disappeared and another that appeared would make the agent delete
 * the HelmChart first, and helm-controller would uninstall the release in between.
 */
export function releaseSource(releaseName: string): string {
  return `rollout:${releaseName}`;
}

/** Sets what one release contributes to each listed cluster's desired state ([] removes it). */
export async function writeReleaseSources(ctx: ServerContext, releaseName: string, byCluster: ReadonlyMap<string, KubeManifest[]>): Promise<void> {
  if (byCluster.size > 0) await setDesiredSourceForClusters(ctx, releaseSource(releaseName), byCluster);
}
