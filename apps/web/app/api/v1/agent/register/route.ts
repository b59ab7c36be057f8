import { ZRegisterAgentRequest } from "@outpost/cluster-core";
import { publicRoute } from "@/src/server/http/api-route";
import { registerAgent } from "@/src/server/fleet/register-agent";
import { syncAccessBindings } from "@/src/server/access/sync-access-bindings";

// POST /api/v1/agent/register – an agent trades its one-time registration token for a credential
export const POST = publicRoute(ZRegisterAgentRequest, async ({ ctx, body }) => {
  const registered = await registerAgent(ctx.db, body);
  // The new cluster's desired state starts with Outpost's RBAC bindings, before its agent's first hello.
  await syncAccessBindings(ctx, [registered.clusterId]);
  ctx.live.fleetChanged();
  return Response.json(registered, { status: 201 });
});
