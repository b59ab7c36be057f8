import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ClusterDetail } from "@outpost/cluster-core";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getServerContext } from "@/src/server/context";
import { AppError } from "@/src/server/errors/app-error";
import { getClusterDetail } from "@/src/server/fleet/get-cluster-detail";
import { currentPageUser } from "../../current-page-user";
import { getPageUser } from "../../get-page-user";
import { ClusterDetailClient } from "./cluster-detail-client";

/** The tab names the cluster and its site: "store-berlin-k3s (store-berlin) · Outpost". */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  // Names are only for signed-in users (the page itself redirects everyone else to /login).
  if (!(await currentPageUser())) return { title: "Cluster" };
  const row = await getServerContext()
    .db.cluster.findUnique({ where: { id }, select: { name: true, site: { select: { name: true } } } })
    .catch(() => null);
  return { title: row ? `${row.name} (${row.site.name})` : "Cluster not found" };
}

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getPageUser(`/clusters/${encodeURIComponent(id)}`);
  let detail: ClusterDetail;
  try {
    detail = await getClusterDetail(getServerContext().db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return <ClusterDetailClient id={id} initialData={detail} canOperate={userHasRole(user, "operator")} />;
}
