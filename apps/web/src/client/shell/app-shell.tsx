import type { ReactNode } from "react";
import Link from "next/link";
import type { CurrentUser } from "@outpost/cluster-core";
import { ConnectionIndicator } from "./connection-indicator";
import { RoleBadge } from "./role-badge";
import { SidebarNav } from "./sidebar-nav";
import { SignOutButton } from "./sign-out-button";

/** The signed-in frame: dark sidebar on the left, top bar with the user, the page on light grey. */
export function AppShell({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return (
    <div className="flex min-h-screen bg-slate-50">
      <aside className="sticky top-0 flex h-screen w-56 shrink-0 flex-col bg-slate-900">
        <Link href="/" className="flex items-center gap-2 px-6 py-5 text-white">
          <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-indigo-500 text-sm font-bold">
            O
          </span>
          <span className="text-lg font-semibold tracking-tight">Outpost</span>
        </Link>
        <SidebarNav role={user.role} />
        <p className="px-6 py-4 text-xs text-slate-500">Edge fleet manager</p>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-10 flex h-14 items-center justify-end gap-4 border-b border-slate-200 bg-white/90 px-6 backdrop-blur">
          <ConnectionIndicator />
          <div className="flex items-center gap-2 text-sm" data-testid="current-user">
            <span className="font-medium text-slate-900">{user.username}</span>
            <RoleBadge role={user.role} />
          </div>
          <SignOutButton />
        </header>
        <main className="mx-auto w-full max-w-7xl flex-1 px-6 py-8">{children}</main>
      </div>
    </div>
  );
}
