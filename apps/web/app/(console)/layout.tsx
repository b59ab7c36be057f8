import type { ReactNode } from "react";
import { LiveUpdatesProvider } from "@/src/client/live-updates-provider";
import { AppShell } from "@/src/client/shell/app-shell";
import { currentPageUser } from "./current-page-user";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await currentPageUser();
  // Signed out: the page itself redirects to /login, with its own address as ?next=.
  if (!user) return children;
  return (
    <LiveUpdatesProvider>
      <AppShell user={user}>{children}</AppShell>
    </LiveUpdatesProvider>
  );
}
