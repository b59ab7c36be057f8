import { ZRevokeAgentCredentialRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireClusterAccess } from "@/src/server/access/require-cluster-access";
import { getAgentCredential } from "@/src/server/agent-credentials/get-agent-credential";
import { revokeAgentCredential } from "@/src/server/agent-credentials/revoke-agent-credential";

// POST /api/v1/clusters/:id/agent-credential/revoke – cut the agent off now and for good, saying why (operator on the cluster)
export const POST = apiRoute({ role: "viewer", body: ZRevokeAgentCredentialRequest }, async ({ ctx, user, caller, params, body }) => {
  await requireClusterAccess(ctx, caller.access, params.id!, "operator");
  await revokeAgentCredential(ctx, user, params.id!, body.reason);
  return getAgentCredential(ctx, params.id!);
});
