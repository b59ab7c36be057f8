import { apiRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { startProvisioning } from "@/src/server/provision/devices/start-provisioning";

// POST /api/v1/devices/:id/provision – provision the device again (each step checks before it acts)
export const POST = apiRoute({ role: "operator" }, async ({ ctx, user, params, req }) =>
  Response.json(await startProvisioning(ctx, user, params.id!, publicUrl(ctx.config, req)), { status: 201 }),
);
