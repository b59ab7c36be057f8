import type { WorkloadInfo } from "@outpost/cluster-core";
import { Badge, type BadgeTone } from "../ui/badge";
import { workloadHealth, type WorkloadHealth } from "./workload-health";

const LOOK: Record<WorkloadHealth, { tone: BadgeTone; text: string }> = {
  healthy: { tone: "green", text: "Healthy" },
  degraded: { tone: "amber", text: "Degraded" },
  down: { tone: "red", text: "Down" },
  "scaled-to-zero": { tone: "grey", text: "Scaled to zero" },
};

/** A workload's health; grey when the cluster is offline, since it is only the last report. */
export function WorkloadHealthBadge({ workload, stale }: { workload: Pick<WorkloadInfo, "ready" | "desired">; stale: boolean }) {
  const look = LOOK[workloadHealth(workload)];
  return (
    <Badge tone={stale ? "grey" : look.tone} dot title={stale ? "Last known state; the cluster is not reporting" : undefined}>
      {look.text}
      {stale ? " (last known)" : ""}
    </Badge>
  );
}
