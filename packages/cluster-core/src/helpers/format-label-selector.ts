import type { LabelRequirement } from "./label-selector";

/** Writes requirements back as selector text (`env=prod,region in (eu,us),!beta`); parsing it gives the same requirements. */
export function formatLabelSelector(requirements: LabelRequirement[]): string {
  return requirements
    .map((r) => {
      switch (r.op) {
        case "exists":
          return r.key;
        case "!exists":
          return `!${r.key}`;
        case "=":
        case "!=":
          return `${r.key}${r.op}${r.value}`;
        case "in":
        case "notin":
          return `${r.key} ${r.op} (${r.values.join(",")})`;
      }
    })
    .join(",");
}
