import { createSeededRandom } from "../../../apps/agent/src/drivers/seeded-random";

export interface FuzzRandom {
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** The fuzz suite's one source of chance: the same seed gives the same inputs on every run. */
export function createFuzzRandom(seed: string): FuzzRandom {
  const next = createSeededRandom(seed);
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]!, chance: (p) => next() < p };
}
