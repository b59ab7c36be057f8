import type { Role } from "@outpost/cluster-core";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<Role, BadgeTone> = { admin: "violet", operator: "blue", viewer: "grey" };

/** A user's role as a coloured pill. */
export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={TONE[role]}>{role}</Badge>;
}
