import { readFileSync } from "node:fs";
import { parseAllDocuments, stringify } from "yaml";

/** Pods that the kubelet stand-in runs instead of kwok (helm-controller's install Jobs). */
export const STAND_IN_POD_LABEL = "helmcharts.helm.cattle.io/chart";

interface Stage {
  spec?: { resourceRef?: { kind?: string }; selector?: { matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } };
}

/**
 * kwok's stage files joined into one config, with every Pod stage told to leave the stand-in's
 * pods alone (kwok would otherwise mark them Ready and Succeeded without running anything).
 */
export function composeKwokStages(files: readonly string[]): string {
  return files
    .flatMap((file) => parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS() as Stage | null))
    .filter((stage): stage is Stage => stage !== null)
    .map((stage) => {
      if (stage.spec?.resourceRef?.kind === "Pod") {
        const selector = (stage.spec.selector ??= {});
        (selector.matchExpressions ??= []).push({ key: `.metadata.labels["${STAND_IN_POD_LABEL}"]`, operator: "DoesNotExist" });
      }
      return stringify(stage);
    })
    .join("---\n");
}
