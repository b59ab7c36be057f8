import { apiRoute } from "@/src/server/http/api-route";
import { deleteAlertChannel } from "@/src/server/alerts/alert-channel-service";

// DELETE /api/v1/alert-channels/:id – delete a channel no rule sends to
export const DELETE = apiRoute({ role: "admin" }, async ({ ctx, user, params }) => {
  await deleteAlertChannel(ctx, user, params.id!);
  return { ok: true };
});
