import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getPageUser } from "../get-page-user";
import { RolloutsClient } from "./rollouts-client";

export const metadata: Metadata = { title: "Rollouts" };

export default async function RolloutsPage() {
  const user = await getPageUser("/rollouts");
  return <RolloutsClient canOperate={userHasRole(user, "operator")} />;
}
