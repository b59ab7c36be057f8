import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { ForbiddenView } from "@/src/client/ui/forbidden-view";
import { getPageUser } from "../get-page-user";
import { UsersClient } from "./users-client";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await getPageUser("/users");
  if (!userHasRole(user, "admin")) return <ForbiddenView role="admin" yourRole={user.role} />;
  return <UsersClient currentUserId={user.id} />;
}
