import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { forbidden } from "next/navigation";
import { getPageUser } from "../get-page-user";
import { AuditClient } from "./audit-client";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const user = await getPageUser("/audit");
  // forbidden() answers HTTP 403 and renders (console)/forbidden.tsx.
  if (!userHasRole(user, "admin")) forbidden();
  return <AuditClient />;
}
