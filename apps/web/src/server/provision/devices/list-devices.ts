import type { DeviceView } from "@outpost/cluster-core";
import type { Prisma } from "../../../../generated/prisma-sqlite";
import type { Db } from "../../db/open-database";
import { jobWithSteps, toJobView } from "../../jobs/to-job-view";
import { deviceWithSite, toDeviceView } from "./to-device-view";

/** Devices by name (optionally those of one cluster), each with its newest job; `visible` is visibleDevicesWhere of the caller. */
export async function listDevices(db: Db, filter: { clusterId?: string; visible?: Prisma.DeviceWhereInput } = {}): Promise<DeviceView[]> {
  const rows = await db.device.findMany({ where: { AND: [filter.visible ?? {}, filter.clusterId ? { clusterId: filter.clusterId } : {}] }, include: deviceWithSite, orderBy: { name: "asc" } });
  const jobs = await db.job.findMany({
    where: { targetType: "device", targetId: { in: rows.map((r) => r.id) } },
    orderBy: { createdAt: "desc" },
    include: jobWithSteps,
  });
  const newest = new Map<string, (typeof jobs)[number]>();
  for (const j of jobs) if (j.targetId && !newest.has(j.targetId)) newest.set(j.targetId, j);
  return rows.map((r) => {
    const job = newest.get(r.id);
    return toDeviceView(r, job ? toJobView(job) : null);
  });
}
