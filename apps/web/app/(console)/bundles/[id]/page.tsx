import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { BundleDetail } from "@outpost/cluster-core";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getServerContext } from "@/src/server/context";
import { AppError } from "@/src/server/errors/app-error";
import { getBundleDetail } from "@/src/server/bundles/get-bundle-detail";
import { getPageCaller } from "../../get-page-caller";
import { visibleClusterIds } from "@/src/server/access/visible-cluster-ids";
import { BundleDetailClient } from "./bundle-detail-client";

export const metadata: Metadata = { title: "Bundle" };

export default async function BundlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await getPageCaller(`/bundles/${encodeURIComponent(id)}`);
  const user = caller.user;
  const ctx = getServerContext();
  let detail: BundleDetail;
  try {
    detail = await getBundleDetail(ctx.db, id, await visibleClusterIds(ctx, caller.access));
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return <BundleDetailClient id={id} initialData={detail} canOperate={userHasRole(user, "operator")} />;
}
