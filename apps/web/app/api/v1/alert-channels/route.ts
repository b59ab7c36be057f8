import { ZCreateAlertChannelRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createAlertChannel, listAlertChannels } from "@/src/server/alerts/alert-channel-service";

// GET /api/v1/alert-channels – where alerts go (webhook URLs are never shown again, only their host;
// callers who do not see every cluster see the channels of the rules they see)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller }) => listAlertChannels(ctx, caller.access));

// POST /api/v1/alert-channels – a webhook, Slack-compatible webhook or e-mail channel (admins only)
export const POST = apiRoute({ role: "admin", body: ZCreateAlertChannelRequest }, async ({ ctx, user, body }) =>
  Response.json(await createAlertChannel(ctx, user, body), { status: 201 }),
);
