import { ZLabelKey, ZLabelValue } from "../schemas/common";
import { lexLabelSelector, type SelectorToken } from "./lex-label-selector";

export type LabelRequirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists" };

/** Longer selectors are refused before they are read: nobody types more, and callers may be hostile. */
export const LABEL_SELECTOR_MAX_LENGTH = 4096;
/** A prefix of at most 253 characters, '/', and a name of at most 63. */
const MAX_KEY_LENGTH = 317;
const MAX_VALUE_LENGTH = 63;

export class LabelSelectorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LabelSelectorError";
  }
}

/**
 * Parses a Kubernetes label selector, with the syntax `kubectl -l` takes:
 * `env=prod`, `env==prod`, `tier!=edge`, `region in (eu, us)`, `region notin (ap)`, `gpu`,
 * `!beta`, joined by commas (all must hold). Empty text selects everything. Time is linear in
 * the length, which is limited to LABEL_SELECTOR_MAX_LENGTH characters.
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  if (text.length > LABEL_SELECTOR_MAX_LENGTH) throw new LabelSelectorError(`selectors are at most ${LABEL_SELECTOR_MAX_LENGTH} characters (this one has ${text.length})`);
  const tokens = lexLabelSelector(text);
  const requirements: LabelRequirement[] = [];
  let i = 0;
  const next = () => tokens[i];
  const describe = (t: SelectorToken | undefined) => (t ? `'${t.kind === "word" ? t.text : t.kind}' at character ${t.at + 1}` : "the end");
  const fail = (expected: string, t = next()): never => {
    throw new LabelSelectorError(`expected ${expected}, found ${describe(t)}`);
  };

  const readWord = (what: string): { text: string; token: SelectorToken } => {
    const t = next();
    if (t?.kind !== "word") return fail(what);
    i++;
    return { text: t.text, token: t };
  };
  const readKey = (): string => {
    const { text: key, token } = readWord("a label key");
    if (key.length > MAX_KEY_LENGTH || !ZLabelKey.safeParse(key).success) throw new LabelSelectorError(`${describe(token)} is not a valid label key (keys look like 'region' or 'example.com/tier')`);
    return key;
  };
  const checkValue = (value: string, token: SelectorToken): string => {
    if (value.length > MAX_VALUE_LENGTH || !ZLabelValue.safeParse(value).success) {
      throw new LabelSelectorError(`${describe(token)} is not a valid label value (at most 63 letters, digits, '-', '_' or '.')`);
    }
    return value;
  };
  // `key=` with nothing after it selects the empty value, as in Kubernetes.
  const readValue = (): string => {
    const t = next();
    if (!t || t.kind === ",") return "";
    const { text: value, token } = readWord("a label value");
    return checkValue(value, token);
  };
  const readValueSet = (): string[] => {
    if (next()?.kind !== "(") fail("'(' to start the list of values");
    i++;
    const values: string[] = [];
    for (;;) {
      const t = next();
      if (t?.kind === "word") {
        values.push(checkValue(t.text, t));
        i++;
      } else {
        values.push("");
      }
      const sep = next();
      i++;
      if (sep?.kind === ")") return values;
      if (sep?.kind !== ",") fail("',' or ')' in the list of values", sep);
    }
  };

  const readRequirement = (): LabelRequirement => {
    if (next()?.kind === "!") {
      i++;
      const key = readKey();
      const after = next();
      if (after && after.kind !== ",") throw new LabelSelectorError(`'!' only goes before a bare key: '!${key}' cannot be followed by ${describe(after)}`);
      return { key, op: "!exists" };
    }
    const key = readKey();
    const op = next();
    if (!op || op.kind === ",") return { key, op: "exists" };
    if (op.kind === "=" || op.kind === "==" || op.kind === "!=") {
      i++;
      return { key, op: op.kind === "!=" ? "!=" : "=", value: readValue() };
    }
    if (op.kind === "word" && (op.text === "in" || op.text === "notin")) {
      i++;
      return { key, op: op.text, values: readValueSet() };
    }
    return fail(`'=', '==', '!=', 'in', 'notin', ',' or the end after '${key}'`, op);
  };

  while (i < tokens.length) {
    requirements.push(readRequirement());
    if (i === tokens.length) break;
    if (next()?.kind !== ",") fail("',' between requirements");
    i++;
    if (i === tokens.length) throw new LabelSelectorError("a ',' must be followed by another requirement");
  }
  return requirements;
}

/** True when `labels` satisfy every requirement (an empty list selects everything). */
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
      case "in":
        return has && r.values.includes(labels[r.key]!);
      case "notin":
        return !has || !r.values.includes(labels[r.key]!);
    }
  });
}
