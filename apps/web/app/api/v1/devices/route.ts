import { ZCreateDeviceRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { publicUrl } from "@/src/server/http/public-url";
import { visibleDevicesWhere } from "@/src/server/access/visible-devices-where";
import { createDevice } from "@/src/server/provision/devices/create-device";
import { listDevices } from "@/src/server/provision/devices/list-devices";

// GET /api/v1/devices?clusterId=… – devices the caller's grants cover (all, or one cluster's), each with its newest job
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, req }) =>
  listDevices(ctx.db, { clusterId: req.nextUrl.searchParams.get("clusterId") ?? undefined, visible: await visibleDevicesWhere(ctx, caller.access) }),
);

// POST /api/v1/devices – add a device (its SSH secret is sealed, never returned) and start provisioning it
// (operator where it will live: its site and labels, or the cluster it joins)
export const POST = apiRoute({ role: "operator", body: ZCreateDeviceRequest }, async ({ ctx, user, caller, body, req }) =>
  Response.json(await createDevice(ctx, user, caller.access, body, publicUrl(ctx.config, req)), { status: 201 }),
);
