import Link from "next/link";
import type { ReactNode } from "react";
import type { CurrentUser } from "@outpost/cluster-core";
import { BrandLink } from "./brand-link";
import { ConnectionIndicator } from "./connection-indicator";
import { MobileNav } from "./mobile-nav";
import { NotificationsLink } from "./notifications-link";
import { RoleBadge } from "./role-badge";
import { SidebarNav } from "./sidebar-nav";
import { SignOutButton } from "./sign-out-button";
import { SkipLink } from "./skip-link";

/**
 * The signed-in frame: a skip link, the dark sidebar on wide screens (a menu button and drawer
 * below 768 px), a top bar with the user, and the page in <main id="main">. Pages add nothing
 * to it; new areas add one entry to nav-items.ts.
 */
export function AppShell({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return (
    <div className="flex min-h-screen bg-slate-50">
      <SkipLink />
      <aside className="sticky top-0 hidden h-screen w-56 shrink-0 flex-col bg-slate-900 md:flex">
        <BrandLink className="px-6 py-5" />
        <SidebarNav role={user.role} label="Main" />
        <p className="px-6 py-4 text-xs text-slate-400">Edge fleet manager</p>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex h-14 items-center justify-between gap-2 border-b border-slate-200 bg-white/95 px-3 backdrop-blur sm:gap-4 sm:px-6">
          <MobileNav role={user.role} />
          <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-4">
            <ConnectionIndicator />
            <NotificationsLink />
            <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="current-user">
              <Link href="/account" className="truncate font-medium text-slate-900 underline-offset-2 hover:underline" title="Your account: change your password">
                {user.username}
              </Link>
              <RoleBadge role={user.role} />
            </div>
            <SignOutButton />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl min-w-0 flex-1 px-3 py-6 focus:outline-none sm:px-6 sm:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
