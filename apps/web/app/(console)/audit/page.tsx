import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { ForbiddenView } from "@/src/client/ui/forbidden-view";
import { getPageUser } from "../get-page-user";
import { AuditClient } from "./audit-client";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const user = await getPageUser("/audit");
  if (!userHasRole(user, "admin")) return <ForbiddenView role="admin" yourRole={user.role} />;
  return <AuditClient />;
}
