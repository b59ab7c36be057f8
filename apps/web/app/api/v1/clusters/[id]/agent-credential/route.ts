import { apiRoute } from "@/src/server/http/api-route";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { getAgentCredential } from "@/src/server/agent-credentials/get-agent-credential";

// GET /api/v1/clusters/:id/agent-credential – age, last use and next rotation of the agent's credential (never the secret)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireClusterAccess(ctx, caller.access, params.id!);
  return getAgentCredential(ctx, params.id!);
});
