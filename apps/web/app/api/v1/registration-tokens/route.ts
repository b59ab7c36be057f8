import { ZCreateRegistrationTokenRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireSiteVisible } from "@/src/server/access/require-site-visible";
import { createRegistrationToken } from "@/src/server/fleet/create-registration-token";
import { listPendingRegistrations } from "@/src/server/fleet/list-pending-registrations";
import { publicUrl } from "@/src/server/http/public-url";
import { agentInstallCommand } from "@/src/server/provision/join/agent-install-command";

// POST /api/v1/registration-tokens – "Add cluster": a one-time token, the one-line install for a bare k3s server and the agent command
// (operator where the new cluster will live: its site and labels decide, see createRegistrationToken)
export const POST = apiRoute({ role: "viewer", body: ZCreateRegistrationTokenRequest }, async ({ ctx, user, caller, body, req }) => {
  await requireSiteVisible(ctx, caller.access, body.siteId);
  const centreUrl = publicUrl(ctx.config, req);
  const created = await createRegistrationToken(ctx.db, user, caller.access, body, centreUrl);
  return Response.json({ ...created, ...agentInstallCommand(ctx.config, centreUrl, created.token) }, { status: 201 });
});

// GET /api/v1/registration-tokens – pending registrations: tokens no agent has used yet, where the caller would see the cluster
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller }) => listPendingRegistrations(ctx.db, caller.access));
