import { apiRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { provisionDeviceAgain } from "@/src/server/provision/devices/provision-device-again";

// POST /api/v1/devices/:id/provision – provision the device again (each step checks before it acts)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params, req }) =>
  Response.json(await provisionDeviceAgain(ctx, user, params.id!, publicUrl(ctx.config, req)), { status: 201 }),
);
