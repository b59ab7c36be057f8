import { evaluateReleaseHealth, HELM_CHART_NAMESPACE, releaseRevision } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { loadHealthReports } from "./load-target-clusters";
import type { ReleaseSpecCache } from "./release-spec-cache";
import type { TargetRow } from "./target-row";

/**
 * Moves dispatched clusters to healthy or failed from what their agents last reported, and
 * keeps the detail of those still applying current ("install Job running", "waiting for
 * workloads: …"). Changes the rows in place; returns the ones that changed.
 */
export async function evaluateApplyingTargets(ctx: ServerContext, input: { releaseName: string; targets: TargetRow[]; specs: ReleaseSpecCache; timeoutMs: number; now: number }): Promise<TargetRow[]> {
  const applying = input.targets.filter((t) => t.phase === "applying");
  if (applying.length === 0) return [];
  const reports = await loadHealthReports(ctx.db, applying.map((t) => t.clusterId));
  const changed: TargetRow[] = [];
  for (const t of applying) {
    const spec = t.specRolloutId ? await input.specs.get(t.specRolloutId) : null;
    const report = reports.get(t.clusterId);
    const health = evaluateReleaseHealth({
      expected: {
        namespace: HELM_CHART_NAMESPACE,
        name: input.releaseName,
        remove: spec === null,
        revision: spec ? releaseRevision(spec.specHash, t.attempt) : "",
        chartName: spec?.chartName ?? "",
        chartVersion: spec?.chartVersion ?? "",
        valuesDigest: spec?.valuesDigest ?? "",
      },
      charts: report?.charts,
      workloads: report?.workloads ?? [],
      dispatchedAt: t.dispatchedAt?.getTime() ?? input.now,
      now: input.now,
      timeoutMs: input.timeoutMs,
    });
    if (health.phase === t.phase && health.detail === t.reason) continue;
    t.phase = health.phase;
    t.reason = health.detail;
    if (health.phase !== "applying") t.finishedAt = new Date(input.now);
    changed.push(t);
  }
  return changed;
}
