import { ZCreateRegistrationTokenRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createRegistrationToken } from "@/src/server/fleet/create-registration-token";
import { publicUrl } from "@/src/server/http/public-url";
import { agentInstallCommand } from "@/src/server/provision/join/agent-install-command";

// POST /api/v1/registration-tokens – "Add cluster": a one-time token, the one-line install for a bare k3s server and the agent command
export const POST = apiRoute({ role: "operator", body: ZCreateRegistrationTokenRequest }, async ({ ctx, user, body, req }) => {
  const centreUrl = publicUrl(ctx.config, req);
  const created = await createRegistrationToken(ctx.db, user, body, centreUrl);
  return Response.json({ ...created, ...agentInstallCommand(ctx.config, centreUrl, created.token) }, { status: 201 });
});
