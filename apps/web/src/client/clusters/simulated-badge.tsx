import { Badge } from "../ui/badge";

/** Marks a cluster whose agent runs the SimDriver: no real k3s behind it. */
export function SimulatedBadge() {
  return (
    <Badge tone="violet" title="Reported by a simulated agent, not a real k3s cluster">
      Simulated
    </Badge>
  );
}
