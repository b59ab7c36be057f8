import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getPageUser } from "../../get-page-user";
import { RolloutClient } from "./rollout-client";

export const metadata: Metadata = { title: "Rollout" };

export default async function RolloutPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getPageUser(`/rollouts/${id}`);
  return <RolloutClient id={id} canOperate={userHasRole(user, "operator")} />;
}
