import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getPageUser } from "../get-page-user";
import { DevicesClient } from "./devices-client";

export const metadata: Metadata = { title: "Devices" };

export default async function DevicesPage() {
  const user = await getPageUser("/devices");
  return <DevicesClient canOperate={userHasRole(user, "operator")} />;
}
