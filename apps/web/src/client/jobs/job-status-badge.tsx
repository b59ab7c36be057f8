import type { JobStatus, JobStepStatus } from "@outpost/cluster-core";
import { Badge, type BadgeTone } from "../ui/badge";

const TONE: Record<JobStatus | JobStepStatus, BadgeTone> = {
  queued: "grey",
  pending: "grey",
  running: "blue",
  succeeded: "green",
  failed: "red",
  cancelled: "grey",
  interrupted: "amber",
};

/** A job's or step's status as a coloured pill, in words. */
export function JobStatusBadge({ status }: { status: JobStatus | JobStepStatus }) {
  return (
    <Badge tone={TONE[status]} dot>
      {status}
    </Badge>
  );
}
