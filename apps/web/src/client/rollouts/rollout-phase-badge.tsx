import type { RolloutPhase } from "@outpost/cluster-core";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<RolloutPhase, BadgeTone> = { running: "blue", "awaiting-approval": "violet", halted: "red", completed: "green", superseded: "grey" };
const LABEL: Record<RolloutPhase, string> = { running: "Running", "awaiting-approval": "Awaiting approval", halted: "Halted", completed: "Completed", superseded: "Superseded" };

export function RolloutPhaseBadge({ phase }: { phase: RolloutPhase }) {
  return (
    <Badge tone={TONE[phase]} dot>
      {LABEL[phase]}
    </Badge>
  );
}
