"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@outpost/cluster-core";
import { NAV_ITEMS, type NavItem } from "./nav-items";
import { NavIcon } from "./nav-icon";

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** An item is current on its own pages and below them; the fleet also owns the cluster pages. */
function isActive(item: NavItem, pathname: string): boolean {
  if (item.href === "/") return pathname === "/" || pathname.startsWith("/clusters");
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/** The left navigation; items the user's role may not open are not shown at all. */
export function SidebarNav({ role, label }: { role: Role; label: string }) {
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((item) => RANK[role] >= RANK[item.role]);
  return (
    <nav aria-label={label} className="flex-1 overflow-y-auto px-3 py-4">
      <ul className="space-y-1">
        {items.map((item) => {
          const active = isActive(item, pathname);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
                  active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"
                }`}
              >
                <NavIcon icon={item.icon} />
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
