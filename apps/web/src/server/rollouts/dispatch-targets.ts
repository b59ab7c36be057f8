import type { KubeManifest } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import type { ReleaseSpecCache } from "./release-spec-cache";
import type { TargetRow } from "./target-row";
import { writeReleaseSources } from "./write-release-sources";

/**
 * Puts the release into the desired state of each target cluster (its spec's HelmChart, or
 * nothing for a rollback to before the release existed) in one batched write, then marks the
 * targets applying. Crash-safe in that order: a target still pending is dispatched again.
 */
export async function dispatchTargets(ctx: ServerContext, input: { releaseName: string; targets: TargetRow[]; specs: ReleaseSpecCache; now: number }): Promise<void> {
  if (input.targets.length === 0) return;
  const byCluster = new Map<string, KubeManifest[]>();
  for (const t of input.targets) {
    const spec = t.specRolloutId ? await input.specs.get(t.specRolloutId) : null;
    byCluster.set(t.clusterId, spec ? [spec.manifest(t.attempt)] : []);
    t.specHash = spec?.specHash ?? "";
  }
  await writeReleaseSources(ctx, input.releaseName, byCluster);
  const at = new Date(input.now);
  for (const t of input.targets) {
    t.phase = "applying";
    t.reason = "sent to the cluster's desired state";
    t.dispatchedAt = at;
    t.finishedAt = null;
  }
  // Targets that share a spec hash are written together: one statement per distinct spec.
  const bySpec = new Map<string, string[]>();
  for (const t of input.targets) bySpec.set(t.specHash, [...(bySpec.get(t.specHash) ?? []), t.id]);
  for (const [specHash, ids] of bySpec) {
    for (let i = 0; i < ids.length; i += 5000) {
      await ctx.db.rolloutTarget.updateMany({
        where: { id: { in: ids.slice(i, i + 5000) } },
        data: { phase: "applying", reason: "sent to the cluster's desired state", dispatchedAt: at, finishedAt: null, specHash },
      });
    }
  }
}
