import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { BundleDetail } from "@outpost/cluster-core";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getServerContext } from "@/src/server/context";
import { AppError } from "@/src/server/errors/app-error";
import { getBundleDetail } from "@/src/server/bundles/get-bundle-detail";
import { getPageUser } from "../../get-page-user";
import { BundleDetailClient } from "./bundle-detail-client";

export const metadata: Metadata = { title: "Bundle" };

export default async function BundlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getPageUser(`/bundles/${encodeURIComponent(id)}`);
  let detail: BundleDetail;
  try {
    detail = await getBundleDetail(getServerContext().db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return <BundleDetailClient id={id} initialData={detail} canOperate={userHasRole(user, "operator")} />;
}
