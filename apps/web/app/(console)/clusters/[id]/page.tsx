import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ClusterDetail } from "@outpost/cluster-core";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getServerContext } from "@/src/server/context";
import { AppError } from "@/src/server/errors/app-error";
import { getClusterDetail } from "@/src/server/fleet/get-cluster-detail";
import { getPageUser } from "../../get-page-user";
import { ClusterDetailClient } from "./cluster-detail-client";

export const metadata: Metadata = { title: "Cluster" };

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
