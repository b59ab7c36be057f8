import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { roleAtLeast, type DeviceView, type Role } from "@outpost/cluster-core";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getServerContext } from "@/src/server/context";
import { AppError } from "@/src/server/errors/app-error";
import { requireDeviceAccess } from "@/src/server/access/require-device-access";
import { getDevice } from "@/src/server/provision/devices/get-device";
import { getPageCaller } from "../../get-page-caller";
import { DeviceDetailClient } from "./device-detail-client";

export const metadata: Metadata = { title: "Device" };

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await getPageCaller(`/devices/${encodeURIComponent(id)}`);
  const ctx = getServerContext();
  let device: DeviceView;
  let role: Role;
  try {
    // A device outside the caller's grants is not found, like one that never existed.
    role = await requireDeviceAccess(ctx, caller.access, id);
    device = await getDevice(ctx.db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return <DeviceDetailClient id={id} initialData={device} canOperate={userHasRole(caller.user, "operator") && roleAtLeast(role, "operator")} />;
}
