import type { Role } from "@outpost/cluster-core";
import type { NavIconName } from "./nav-icon";

export interface NavItem {
  href: string;
  label: string;
  /** The least role that sees the item. */
  role: Role;
  icon: NavIconName;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Fleet", role: "viewer", icon: "fleet" },
  { href: "/sites", label: "Sites", role: "viewer", icon: "sites" },
  { href: "/rollouts", label: "Rollouts", role: "viewer", icon: "rollouts" },
  { href: "/devices", label: "Devices", role: "viewer", icon: "devices" },
  { href: "/bundles", label: "Bundles", role: "viewer", icon: "bundles" },
  { href: "/search", label: "Search", role: "viewer", icon: "search" },
  { href: "/alerts", label: "Alerts", role: "viewer", icon: "alerts" },
  { href: "/users", label: "Users", role: "admin", icon: "users" },
  { href: "/access", label: "Access", role: "admin", icon: "access" },
  { href: "/tokens", label: "API tokens", role: "viewer", icon: "tokens" },
  { href: "/audit", label: "Audit log", role: "admin", icon: "audit" },
];
