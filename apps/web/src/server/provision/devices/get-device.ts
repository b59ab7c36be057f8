import type { DeviceView } from "@outpost/cluster-core";
import type { Db } from "../../db/open-database";
import { AppError } from "../../errors/app-error";
import { jobWithSteps, toJobView } from "../../jobs/to-job-view";
import { deviceWithSite, toDeviceView } from "./to-device-view";

export async function getDevice(db: Db, id: string): Promise<DeviceView> {
  const row = await db.device.findUnique({ where: { id }, include: deviceWithSite });
  if (!row) throw new AppError("NOT_FOUND", `no device with id ${id}`);
  const job = await db.job.findFirst({ where: { targetType: "device", targetId: id }, orderBy: { createdAt: "desc" }, include: jobWithSteps });
  return toDeviceView(row, job ? toJobView(job) : null);
}
