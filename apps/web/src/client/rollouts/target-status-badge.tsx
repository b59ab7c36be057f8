import type { TargetStatus } from "@outpost/cluster-core";
import { Badge, type BadgeTone } from "../ui/badge";

export const TARGET_STATUS_TONE: Record<TargetStatus, BadgeTone> = {
  queued: "grey",
  "waiting-window": "indigo",
  "waiting-offline": "amber",
  paused: "violet",
  applying: "blue",
  healthy: "green",
  failed: "red",
  skipped: "grey",
};

export const TARGET_STATUS_ORDER: TargetStatus[] = ["healthy", "applying", "failed", "waiting-window", "waiting-offline", "paused", "skipped", "queued"];

export function TargetStatusBadge({ status, title }: { status: TargetStatus; title?: string }) {
  return (
    <Badge tone={TARGET_STATUS_TONE[status]} dot title={title}>
      {status}
    </Badge>
  );
}
