import { ZRegisterAgentRequest } from "@outpost/cluster-core";
import { publicRoute } from "@/src/server/http/api-route";
import { registerAgent } from "@/src/server/fleet/register-agent";

// POST /api/v1/agent/register – an agent trades its one-time registration token for a credential
export const POST = publicRoute(ZRegisterAgentRequest, async ({ ctx, body }) => {
  const registered = await registerAgent(ctx.db, body);
  ctx.live.fleetChanged();
  return Response.json(registered, { status: 201 });
});
