import { createHash } from "node:crypto";
import { canonicalJson } from "@outpost/cluster-core";
import { parse } from "yaml";
import { AppError } from "../errors/app-error";

/**
 * Reads a rollout's values as helm will (YAML 1.1, like the go-yaml helm uses: `yes` is true;
 * timestamps stay text) and digests them the way the agent digests a release's values, so the
 * two can be compared. Invalid YAML or anything but a mapping is an INVALID_INPUT error.
 */
export function parseValues(text: string): { values: Record<string, unknown>; digest: string } {
  let values: unknown = null;
  if (text.trim() !== "") {
    try {
      values = parse(text, {
        version: "1.1",
        merge: true,
        uniqueKeys: true,
        maxAliasCount: 100,
        customTags: (tags) => tags.filter((t) => typeof t === "string" || t.tag !== "tag:yaml.org,2002:timestamp"),
      });
    } catch (err) {
      throw new AppError("INVALID_INPUT", `values are not valid YAML: ${(err as Error).message.split("\n")[0]}`, [{ path: "valuesContent", message: (err as Error).message.split("\n")[0]! }]);
    }
  }
  if (values !== null && (typeof values !== "object" || Array.isArray(values))) {
    throw new AppError("INVALID_INPUT", "values must be a YAML mapping (key: value lines), like a chart's values.yaml", [{ path: "valuesContent", message: "not a mapping" }]);
  }
  const mapping = (values ?? {}) as Record<string, unknown>;
  return { values: mapping, digest: createHash("sha256").update(canonicalJson(mapping)).digest("hex") };
}
