import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getPageUser } from "../../get-page-user";
import { ChartClient } from "./chart-client";

export const metadata: Metadata = { title: "Chart" };

export default async function ChartPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getPageUser(`/charts/${id}`);
  return <ChartClient id={id} canOperate={userHasRole(user, "operator")} />;
}
