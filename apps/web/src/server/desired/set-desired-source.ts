import { SOURCE_NAME_PATTERN, type KubeManifest } from "@outpost/cluster-core";
import type { ServerContext } from "../context";
import { AppError } from "../errors/app-error";
import { writeDesiredSources, type ComposedDesiredState } from "./write-desired-sources";
import { desiredBundlesForCluster } from "../bundles/desired-bundles-for-cluster";
import { parseBundleIds } from "../bundles/parse-bundle-ids";

/** Clusters per transaction when one source changes many clusters (a rollout wave, new RBAC). */
const CLUSTERS_PER_TRANSACTION = 200;

/**
 * Replaces one source's part of one cluster's desired state (`[]` removes it) and pushes the new
 * generation to the agent if it is connected; otherwise the agent gets it at its next hello. A
 * part identical to the stored one changes nothing (no new generation).
 */
export async function setDesiredSource(ctx: ServerContext, opts: { clusterId: string; source: string; manifests: KubeManifest[] }): Promise<ComposedDesiredState> {
  assertSourceName(opts.source);
  const current = await ctx.db.cluster.findUnique({
    where: { id: opts.clusterId },
    select: { desiredGeneration: true, desiredManifests: true, desiredSources: { where: { source: opts.source }, select: { manifests: true } } },
  });
  if (!current) throw new AppError("NOT_FOUND", `no cluster with id ${opts.clusterId}`);
  const stored = current.desiredSources[0]?.manifests ?? "[]";
  if (stored === JSON.stringify(opts.manifests)) {
    return { clusterId: opts.clusterId, generation: current.desiredGeneration, manifests: JSON.parse(current.desiredManifests) as KubeManifest[] };
  }
  const [state] = await ctx.db.$transaction((tx) => writeDesiredSources(tx, opts.source, new Map([[opts.clusterId, opts.manifests]])));
  if (!state) throw new AppError("NOT_FOUND", `no cluster with id ${opts.clusterId}`);
  await push(ctx, [state]);
  return state;
}

/**
 * The same for many clusters at once (each cluster its own part), in transactions of a few
 * hundred clusters. Clusters deleted meanwhile are skipped. Returns the new states.
 */
export async function setDesiredSourceForClusters(ctx: ServerContext, source: string, parts: ReadonlyMap<string, KubeManifest[]>): Promise<ComposedDesiredState[]> {
  assertSourceName(source);
  const entries = [...parts];
  const all: ComposedDesiredState[] = [];
  for (let i = 0; i < entries.length; i += CLUSTERS_PER_TRANSACTION) {
    const chunk = new Map(entries.slice(i, i + CLUSTERS_PER_TRANSACTION));
    const states = await ctx.db.$transaction((tx) => writeDesiredSources(tx, source, chunk), { maxWait: 15_000, timeout: 60_000 });
    await push(ctx, states);
    all.push(...states);
  }
  return all;
}

/** Sends each connected agent its new generation, with the cluster's bundles (every desired state lists them). */
async function push(ctx: ServerContext, states: ComposedDesiredState[]): Promise<void> {
  const connected = states.filter((s) => ctx.presence.connectionOf(s.clusterId));
  if (connected.length === 0) return;
  const rows = await ctx.db.cluster.findMany({ where: { id: { in: connected.map((s) => s.clusterId) } }, select: { id: true, desiredBundleIds: true } });
  const bundleIds = new Map(rows.map((r) => [r.id, parseBundleIds(r.desiredBundleIds)]));
  for (const s of connected) {
    const bundles = await desiredBundlesForCluster(ctx.db, bundleIds.get(s.clusterId) ?? []);
    ctx.presence.connectionOf(s.clusterId)?.sendDesired({ generation: s.generation, manifests: s.manifests, bundles });
  }
}

function assertSourceName(source: string): void {
  if (!SOURCE_NAME_PATTERN.test(source)) throw new Error(`invalid desired-state source name '${source}'`);
}
