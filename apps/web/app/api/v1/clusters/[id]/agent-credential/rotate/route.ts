import { apiRoute } from "@/src/server/http/api-route";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { getAgentCredential } from "@/src/server/agent-credentials/get-agent-credential";
import { rotateAgentCredential } from "@/src/server/agent-credentials/rotate-agent-credential";

// POST /api/v1/clusters/:id/agent-credential/rotate – give the connected agent a new credential now (operator on the cluster)
export const POST = apiRoute({ role: "viewer" }, async ({ ctx, user, caller, params }) => {
  await requireClusterAccess(ctx, caller.access, params.id!, "operator");
  await rotateAgentCredential(ctx, params.id!, { actor: user, reason: "on demand" });
  return getAgentCredential(ctx, params.id!);
});
