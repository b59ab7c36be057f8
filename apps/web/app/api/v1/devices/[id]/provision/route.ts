import { apiRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { requireDeviceAccess } from "@/src/server/access/require-device-access";
import { provisionDeviceAgain } from "@/src/server/provision/devices/provision-device-again";

// POST /api/v1/devices/:id/provision – provision the device again (each step checks before it acts)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params, req }) => {
  await requireDeviceAccess(ctx, caller.access, params.id!, "operator");
  return Response.json(await provisionDeviceAgain(ctx, user, params.id!, publicUrl(ctx.config, req)), { status: 201 });
});
