import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { DeviceView } from "@outpost/cluster-core";
import { userHasRole } from "@/src/server/auth/get-current-user";
import { getServerContext } from "@/src/server/context";
import { AppError } from "@/src/server/errors/app-error";
import { getDevice } from "@/src/server/provision/devices/get-device";
import { getPageUser } from "../../get-page-user";
import { DeviceDetailClient } from "./device-detail-client";

export const metadata: Metadata = { title: "Device" };

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await getPageUser(`/devices/${encodeURIComponent(id)}`);
  let device: DeviceView;
  try {
    device = await getDevice(getServerContext().db, id);
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  return <DeviceDetailClient id={id} initialData={device} canOperate={userHasRole(user, "operator")} />;
}
