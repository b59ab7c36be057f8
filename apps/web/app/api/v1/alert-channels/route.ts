import { ZCreateAlertChannelRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { createAlertChannel, listAlertChannels } from "@/src/server/alerts/alert-channel-service";

// GET /api/v1/alert-channels – where alerts go (webhook URLs are never shown again, only their host)
export const GET = apiRoute({ role: "viewer" }, async ({ ctx }) => listAlertChannels(ctx));

// POST /api/v1/alert-channels – a webhook, Slack-compatible webhook or e-mail channel
export const POST = apiRoute({ role: "operator", body: ZCreateAlertChannelRequest }, async ({ ctx, user, body }) =>
  Response.json(await createAlertChannel(ctx, user, body), { status: 201 }),
);
