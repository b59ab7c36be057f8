import { ZUpdateDeviceRequest } from "@outpost/cluster-core";
import { apiRoute } from "@/src/server/http/api-route";
import { requireDeviceAccess } from "@/src/server/access/require-device-access";
import { deleteDevice } from "@/src/server/provision/devices/delete-device";
import { getDevice } from "@/src/server/provision/devices/get-device";
import { updateDevice } from "@/src/server/provision/devices/update-device";

// GET /api/v1/devices/:id – a device, its pinned host key and its newest job
export const GET = apiRoute({ role: "viewer" }, async ({ ctx, caller, params }) => {
  await requireDeviceAccess(ctx, caller.access, params.id!);
  return getDevice(ctx.db, params.id!);
});

// PATCH /api/v1/devices/:id – new host, port, user, key or password, or labels (retry the job afterwards)
export const PATCH = apiRoute({ role: "operator", body: ZUpdateDeviceRequest }, async ({ ctx, user, caller, params, body }) => {
  await requireDeviceAccess(ctx, caller.access, params.id!, "operator");
  return updateDevice(ctx, user, params.id!, body);
});

// DELETE /api/v1/devices/:id – forget the device and its secrets (nothing changes on the machine)
export const DELETE = apiRoute({ role: "operator" }, async ({ ctx, user, caller, params }) => {
  await requireDeviceAccess(ctx, caller.access, params.id!, "operator");
  await deleteDevice(ctx, user, params.id!);
  return { ok: true };
});
