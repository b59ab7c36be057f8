import { ZLabelKey, ZLabelValue } from "../schemas/common";

export type LabelRequirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "exists" | "!exists" };

export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabelSelectorError";
  }
}

/**
 * Parses the equality subset of Kubernetes label selectors: `env=prod,tier!=edge,gpu,!beta`.
 * Empty text selects everything.
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  return parts.map((part) => {
    const m = /^(!?)([^=!]+?)\s*(?:(==|=|!=)\s*(.*))?$/.exec(part);
    if (!m) throw new LabelSelectorError(`cannot read selector term '${part}'`);
    const [, bang, rawKey, op, rawValue] = m;
    const key = rawKey!.trim();
    if (!ZLabelKey.safeParse(key).success) throw new LabelSelectorError(`'${key}' is not a valid label key`);
    if (!op) return { key, op: bang ? "!exists" : "exists" };
    if (bang) throw new LabelSelectorError(`'${part}': '!' only goes before a bare key`);
    const value = (rawValue ?? "").trim();
    if (!ZLabelValue.safeParse(value).success) throw new LabelSelectorError(`'${value}' is not a valid label value`);
    return { key, op: op === "!=" ? "!=" : "=", value };
  });
}

/** True when `labels` satisfy every requirement. */
export function matchesLabelSelector(labels: Record<string, string>, requirements: LabelRequirement[]): boolean {
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    switch (r.op) {
      case "exists":
        return has;
      case "!exists":
        return !has;
      case "=":
        return has && labels[r.key] === r.value;
      case "!=":
        return !has || labels[r.key] !== r.value;
    }
  });
}
