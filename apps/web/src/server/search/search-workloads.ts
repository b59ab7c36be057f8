import type { WorkloadSearchPage, WorkloadSearchQuery } from "@outpost/cluster-core";
import { ZClusterStatus } from "@outpost/cluster-core";
import type { Db } from "../db/open-database";
import type { Prisma } from "../../../generated/prisma-sqlite";

const MAX_IMAGES = 50;

/**
 * "Where does pos-api run", "which sites still run registry/pos-api:1.4": workloads from every
 * cluster's newest snapshot (ClusterWorkload rows), matched by name and/or image. Offline
 * clusters are included with their last known workloads (the hit says the cluster's status).
 * `visible` is the caller's access clause over clusters.
 */
export async function searchWorkloads(db: Db, query: WorkloadSearchQuery, visible: Prisma.ClusterWhereInput = {}): Promise<WorkloadSearchPage> {
  const text = query.q.toLowerCase();
  const byName: Prisma.ClusterWorkloadWhereInput[] = [{ name: { contains: text } }, { namespace: { contains: text } }];
  const byImage: Prisma.ClusterWorkloadWhereInput[] = [{ images: { contains: text } }];
  const where: Prisma.ClusterWorkloadWhereInput = {
    cluster: visible,
    OR: query.field === "name" ? byName : query.field === "image" ? byImage : [...byName, ...byImage],
  };
  const total = await db.clusterWorkload.count({ where });
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.pageSize)));
  const rows = await db.clusterWorkload.findMany({
    where,
    orderBy: [{ cluster: { site: { name: "asc" } } }, { cluster: { name: "asc" } }, { namespace: "asc" }, { name: "asc" }],
    skip: (page - 1) * query.pageSize,
    take: query.pageSize,
    select: { namespace: true, kind: true, name: true, ready: true, desired: true, images: true, cluster: { select: { id: true, name: true, status: true, site: { select: { name: true } } } } },
  });
  // Figures over every match: distinct clusters and sites, and which matching images run where.
  const all = await db.clusterWorkload.findMany({ where, select: { clusterId: true, namespace: true, name: true, images: true, cluster: { select: { siteId: true } } } });
  const imageClusters = new Map<string, Set<string>>();
  for (const w of all) {
    // A workload found by its name shows all its images (the versions it runs); otherwise only the matching ones.
    const foundByName = query.field !== "image" && (w.name.includes(text) || w.namespace.includes(text));
    for (const image of w.images.split("\n")) {
      if (!image || (!foundByName && !image.toLowerCase().includes(text))) continue;
      let set = imageClusters.get(image);
      if (!set) imageClusters.set(image, (set = new Set()));
      set.add(w.clusterId);
    }
  }
  return {
    items: rows.map((w) => ({
      clusterId: w.cluster.id,
      clusterName: w.cluster.name,
      siteName: w.cluster.site.name,
      clusterStatus: ZClusterStatus.catch("offline").parse(w.cluster.status),
      namespace: w.namespace,
      kind: w.kind,
      name: w.name,
      ready: w.ready,
      desired: w.desired,
      images: w.images ? w.images.split("\n") : [],
    })),
    total,
    page,
    pageSize: query.pageSize,
    clusters: new Set(all.map((w) => w.clusterId)).size,
    sites: new Set(all.map((w) => w.cluster.siteId)).size,
    images: [...imageClusters]
      .map(([image, clusters]) => ({ image, clusters: clusters.size }))
      .sort((a, b) => b.clusters - a.clusters || a.image.localeCompare(b.image))
      .slice(0, MAX_IMAGES),
  };
}
