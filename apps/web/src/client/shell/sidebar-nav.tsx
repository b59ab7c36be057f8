"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@outpost/cluster-core";
import { NAV_ITEMS } from "./nav-items";
import { NavIcon } from "./nav-icon";

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** The left navigation; items the user's role may not open are not shown at all. */
export function SidebarNav({ role }: { role: Role }) {
  const pathname = usePathname();
  const items = NAV_ITEMS.filter((item) => RANK[role] >= RANK[item.role]);
  return (
    <nav aria-label="Main" className="flex-1 px-3 py-4">
      <ul className="space-y-1">
        {items.map((item) => {
          const active = item.href === "/" ? pathname === "/" || pathname.startsWith("/clusters") : pathname.startsWith(item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
                  active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
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
