import type { Metadata } from "next";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { forbidden } from "next/navigation";
import { getPageUser } from "../get-page-user";
import { UsersClient } from "./users-client";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await getPageUser("/users");
  // forbidden() answers HTTP 403 and renders (console)/forbidden.tsx.
  if (!userHasRole(user, "admin")) forbidden();
  return <UsersClient currentUserId={user.id} />;
}
