import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getPageUser } from "../get-page-user";
import { AlertsClient } from "./alerts-client";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const user = await getPageUser("/alerts");
  return <AlertsClient canOperate={userHasRole(user, "admin")} />;
}
