import { z } from "zod";
import { ZId } from "@outpost/cluster-core";
import type { ServerContext } from "../../context";
import { StepError, type JobKind } from "../../jobs/job-kind";
import { JOIN_COMMAND_JOB_KIND } from "../provision-job-names";
import { waitFor } from "../provision-step-kit";
import { waitForReadyNode } from "../wait-for-ready-node";

const ZParams = z.object({ joinTokenId: ZId });
type Params = z.infer<typeof ZParams>;

/**
 * Follows a one-line node join from the centre's side: the device claims its token (running the
 * command), then its node turns Ready in the cluster. The device does the work; the job is the
 * operator's live view of it.
 */
export function joinCommandJobKind(ctx: ServerContext): JobKind<Params> {
  const token = async (id: string) => {
    const row = await ctx.db.joinToken.findUnique({ where: { id } });
    if (!row) throw new StepError("the join token was deleted (with its cluster?)");
    return row;
  };
  return {
    kind: JOIN_COMMAND_JOB_KIND,
    params: ZParams,
    steps: [
      {
        name: "wait-claim",
        title: "Wait for the device to run the command",
        async run(step) {
          const first = await token(step.params.joinTokenId);
          const claimed = await waitFor(step, "waiting for the command to be run", Math.max(0, first.expiresAt.getTime() - Date.now()), async () => {
            const row = await token(step.params.joinTokenId);
            return row.usedAt && row.claimedBy ? row : null;
          });
          if (!claimed) throw new StepError(`the command was not run before the token expired (${first.expiresAt.toISOString()}); create a new one`);
          step.log(`${claimed.claimedBy} claimed the token and is fetching its bundle`);
        },
      },
      {
        name: "wait-node",
        title: "Wait for the node to be Ready",
        async run(step) {
          const row = await token(step.params.joinTokenId);
          if (!row.claimedBy) throw new StepError("no device has claimed the token");
          await waitForReadyNode(ctx, step, row.clusterId, row.claimedBy, 15 * 60_000);
        },
      },
    ],
  };
}
