import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getPageUser } from "../get-page-user";
import { BundlesClient } from "./bundles-client";

export const metadata: Metadata = { title: "Bundles" };

export default async function BundlesPage() {
  const user = await getPageUser("/bundles");
  return <BundlesClient canOperate={userHasRole(user, "operator")} />;
}
