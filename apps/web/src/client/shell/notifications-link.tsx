"use client";

import Link from "next/link";
import { useUnreadNotifications } from "../notifications/use-notifications";
import { NavIcon } from "./nav-icon";

/** The bell in the top bar: how many alert notifications are unread, and the way to them. */
export function NotificationsLink() {
  const unread = useUnreadNotifications().data ?? 0;
  return (
    <Link
      href="/notifications"
      className="relative rounded-md p-2 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-500"
      aria-label={unread > 0 ? `Notifications, ${unread} unread` : "Notifications"}
      data-testid="notifications-link"
    >
      <NavIcon icon="alerts" />
      {unread > 0 && (
        <span aria-hidden="true" className="absolute -top-0.5 -right-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[0.65rem] leading-4 font-semibold text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
