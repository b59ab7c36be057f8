import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ClusterDetail } from "@outpost/cluster-core";
import { roleAtLeast } from "@outpost/cluster-core";
import { getServerContext } from "@/src/server/context";
import { AppError } from "@/src/server/errors/app-error";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { getClusterDetail } from "@/src/server/fleet/get-cluster-detail";
import { getPageCaller } from "../../get-page-caller";
import { currentPageCaller } from "../../current-page-user";
import { ClusterDetailClient } from "./cluster-detail-client";

/** The tab names the cluster and its site: "store-berlin-k3s (store-berlin) · Outpost". */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  // Names are only for signed-in users who may see the cluster (the page itself redirects
  // everyone else to /login, and answers 404 outside the caller's grants).
  const caller = await currentPageCaller();
  if (!caller) return { title: "Cluster" };
  const ctx = getServerContext();
  const visible = await requireClusterAccess(ctx, caller.access, id).catch(() => null);
  const row = visible ? await ctx.db.cluster.findUnique({ where: { id }, select: { name: true, site: { select: { name: true } } } }).catch(() => null) : null;
  return { title: row ? `${row.name} (${row.site.name})` : "Cluster not found" };
}

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await getPageCaller(`/clusters/${encodeURIComponent(id)}`);
  const ctx = getServerContext();
  let detail: ClusterDetail;
  let canOperate: boolean;
  try {
    // Outside the caller's grants the cluster does not exist: the same 404 as a wrong id.
    const { role } = await requireClusterAccess(ctx, caller.access, id);
    canOperate = roleAtLeast(role, "operator");
    detail = await getClusterDetail(ctx.db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return <ClusterDetailClient id={id} initialData={detail} canOperate={canOperate} />;
}
