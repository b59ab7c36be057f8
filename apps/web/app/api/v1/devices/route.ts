import { ZCreateDeviceRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { createDevice } from "@/src/server/provision/devices/create-device";
import { listDevices } from "@/src/server/provision/devices/list-devices";

// GET /api/v1/devices?clusterId=… – devices (all, or one cluster's), each with its newest job
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, req }) => listDevices(ctx.db, { clusterId: req.nextUrl.searchParams.get("clusterId") ?? undefined }));

// POST /api/v1/devices – add a device (its SSH secret is sealed, never returned) and start provisioning it
export const POST = apiRoute({ role: "operator", body: ZCreateDeviceRequest }, async ({ ctx, user, body, req }) =>
  Response.json(await createDevice(ctx, user, body, publicUrl(ctx.config, req)), { status: 201 }),
);
