import type { Prisma } from "../../../generated/prisma-sqlite";
import type { ServerContext } from "../context";
import type { Access } from "./access";
import { visibleClusterIds } from "./visible-cluster-ids";
import { visibleDevicesWhere } from "./visible-devices-where";

/**
 * The Prisma `where` that keeps only the jobs the caller may see: those of a visible cluster or
 * device (jobs name their target without a relation, so by ids). `{}` for callers who see every
 * cluster; jobs of any other target are theirs alone.
 */
export async function visibleJobsWhere(ctx: Pick<ServerContext, "db">, access: Access): Promise<Prisma.JobWhereInput> {
  const clusterIds = await visibleClusterIds(ctx, access);
  if (clusterIds === null) return {};
  const devices = await ctx.db.device.findMany({ where: await visibleDevicesWhere(ctx, access), select: { id: true } });
  return {
    OR: [
      { targetType: "cluster", targetId: { in: clusterIds } },
      { targetType: "device", targetId: { in: devices.map((d) => d.id) } },
    ],
  };
}
