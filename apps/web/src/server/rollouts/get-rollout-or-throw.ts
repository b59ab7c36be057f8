import type { DbTransaction, Db } from "../db/open-database";
import { AppError } from "../errors/app-error";

/** The rollout's row (phase and counters) or NOT_FOUND. */
export async function getRolloutOrThrow(db: Db | DbTransaction, id: string) {
  const r = await db.rollout.findUnique({ where: { id }, select: { id: true, phase: true, kind: true, releaseName: true, createdAt: true, acknowledgedFailures: true, currentWave: true, waveCount: true, hasCanary: true } });
  if (!r) throw new AppError("NOT_FOUND", `no rollout with id ${id}`);
  return r;
}
