import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getPageUser } from "../get-page-user";
import { AccessClient } from "./access-client";

export const metadata: Metadata = { title: "Access" };

export default async function AccessPage() {
  const user = await getPageUser("/access");
  if (!userHasRole(user, "admin")) forbidden();
  return <AccessClient />;
}
