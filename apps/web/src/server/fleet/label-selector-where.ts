import type { LabelRequirement } from "@outpost/cluster-core";
import type { Prisma } from "../../../generated/prisma-sqlite";

/**
 * A parsed label selector as a Prisma filter over the ClusterLabel rows, so it runs in SQL on
 * both providers. Kubernetes semantics: `!=` and `notin` also match clusters without the key.
 */
export function labelSelectorWhere(requirements: LabelRequirement[]): Prisma.ClusterWhereInput[] {
  return requirements.map((r): Prisma.ClusterWhereInput => {
    switch (r.op) {
      case "exists":
        return { labelRows: { some: { key: r.key } } };
      case "!exists":
        return { labelRows: { none: { key: r.key } } };
      case "=":
        return { labelRows: { some: { key: r.key, value: r.value } } };
      case "!=":
        return { labelRows: { none: { key: r.key, value: r.value } } };
      case "in":
        return { labelRows: { some: { key: r.key, value: { in: r.values } } } };
      case "notin":
        return { labelRows: { none: { key: r.key, value: { in: r.values } } } };
    }
  });
}
