import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getPageUser } from "../get-page-user";
import { SitesClient } from "./sites-client";

export const metadata: Metadata = { title: "Sites" };

export default async function SitesPage() {
  const user = await getPageUser("/sites");
  return <SitesClient canOperate={userHasRole(user, "operator")} />;
}
