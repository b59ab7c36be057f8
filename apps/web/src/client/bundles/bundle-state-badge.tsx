import type { BundleClusterView } from "@outpost/cluster-core";
import { Badge, type BadgeTone } from "../ui/badge";

const LOOK: Record<BundleClusterView["state"], { tone: BadgeTone; label: string }> = {
  pending: { tone: "grey", label: "Pending" },
  waiting: { tone: "amber", label: "Waiting" },
  fetching: { tone: "blue", label: "Transferring" },
  placing: { tone: "blue", label: "Placing" },
  installed: { tone: "green", label: "Installed" },
  failed: { tone: "red", label: "Refused" },
};

/** Where a bundle stands on a cluster. */
export function BundleStateBadge({ state }: { state: BundleClusterView["state"] }) {
  const look = LOOK[state];
  return (
    <Badge tone={look.tone} dot>
      {look.label}
    </Badge>
  );
}
