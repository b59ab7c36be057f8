import { apiRoute } from "@/src/server/http/api-route";
import { testAlertChannel } from "@/src/server/alerts/alert-channel-service";

// POST /api/v1/alert-channels/:id/test – send a test message now; answers {ok, message}
export const POST = apiRoute({ role: "admin" }, async ({ ctx, user, params }) => testAlertChannel(ctx, user, params.id!));
