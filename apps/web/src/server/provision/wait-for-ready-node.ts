import type { ServerContext } from "../context";
import { StepError, type StepContext } from "../jobs/job-kind";
import { waitFor } from "./provision-step-kit";

/** Waits until the cluster's agent reports node `name` Ready (the centre's own view, as the dashboard shows it). */
export async function waitForReadyNode<P>(ctx: ServerContext, step: StepContext<P>, clusterId: string, name: string, timeoutMs: number): Promise<void> {
  let seen: { ready: boolean } | null = null;
  const node = await waitFor(step, `waiting for node ${name}`, timeoutMs, async () => {
    seen = await ctx.db.node.findUnique({ where: { clusterId_name: { clusterId, name } } });
    return seen?.ready ? seen : null;
  });
  if (!node) throw new StepError(`node ${name} is ${seen ? "NotReady" : "not in the cluster"} after ${Math.round(timeoutMs / 60_000)} minutes`);
  step.log(`node ${name} is Ready`);
}
