import { apiRoute } from "@/src/server/http/api-route";
import { requireDeviceAccess } from "@/src/server/access/require-device-access";
import { forgetHostKey } from "@/src/server/provision/devices/forget-host-key";

// DELETE /api/v1/devices/:id/host-key – unpin the host key after checking it really changed; the next connection pins the new one
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireDeviceAccess(ctx, caller.access, params.id!, "operator");
  return forgetHostKey(ctx, user, params.id!);
});
