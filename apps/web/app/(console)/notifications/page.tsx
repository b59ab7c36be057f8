import type { Metadata } from "next";
import { getPageUser } from "../get-page-user";
import { NotificationsClient } from "./notifications-client";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  await getPageUser("/notifications");
  return <NotificationsClient />;
}
