import { apiRoute } from "@/src/server/http/api-route";
import { markNotificationsSeen } from "@/src/server/alerts/notification-service";

// POST /api/v1/notifications/seen – mark every notification so far as read (for me)
export const POST = apiRoute({ role: "viewer" }, async ({ ctx, user }) => {
  await markNotificationsSeen(ctx.db, user);
  return { ok: true };
});
