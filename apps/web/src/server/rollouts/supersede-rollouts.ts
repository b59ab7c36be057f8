import type { DbTransaction } from "../db/open-database";

/**
 * A new rollout of a release ends any halted one of the same release: its clusters that were
 * never changed, or are still applying, are no longer tracked by it.
 */
export async function supersedeRollouts(tx: DbTransaction, releaseName: string, newerId: string, now: number): Promise<void> {
  const halted = await tx.rollout.findMany({ where: { releaseName, phase: "halted", id: { not: newerId } }, select: { id: true } });
  for (const { id } of halted) {
    await tx.rollout.update({ where: { id }, data: { phase: "superseded", finishedAt: new Date(now) } });
    await tx.rolloutTarget.updateMany({ where: { rolloutId: id, phase: { in: ["pending", "applying"] } }, data: { phase: "skipped", reason: `superseded by rollout ${newerId}`, finishedAt: new Date(now) } });
    await tx.rolloutEvent.create({ data: { rolloutId: id, at: new Date(now), type: "superseded", message: `superseded by rollout ${newerId}` } });
  }
}
