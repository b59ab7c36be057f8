/** Deeper than this, a value is refused: nothing Outpost takes nests so far, and deep values overflow recursive code. */
export const MAX_JSON_DEPTH = 100;

export interface JsonProblem {
  /** Where, as dotted keys and indexes (`manifests.0.data`); empty for the value itself. */
  path: string;
  message: string;
}

/** A UTF-16 surrogate not paired with its partner: no UTF-8 text can carry it, and databases refuse it. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function checkString(s: string): string | null {
  if (s.includes("\u0000")) return "a NUL character (\\u0000) is not allowed";
  if (hasLoneSurrogate(s)) return "an unpaired surrogate (e.g. \\ud800) is not valid text";
  return null;
}

/**
 * The one check every value from outside passes before its schema: no string (key or value)
 * with NUL or an unpaired surrogate, and no nesting deeper than `maxDepth`. It walks with its
 * own stack, so a hostile value cannot overflow the call stack here; binary chunks are skipped.
 * Returns the first problem, or null.
 */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      const problem = checkString(v);
      if (problem) return { path, message: problem };
      continue;
    }
    if (v === null || typeof v !== "object" || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
    if (depth >= maxDepth) return { path, message: `the value is nested deeper than ${maxDepth} levels` };
    const entries = Array.isArray(v) ? v.map((item, i) => [String(i), item] as const) : Object.entries(v);
    for (const [key, item] of entries) {
      const keyProblem = checkString(key);
      const at = path ? `${path}.${key}` : key;
      if (keyProblem) return { path: at, message: `key: ${keyProblem}` };
      stack.push({ value: item, path: at, depth: depth + 1 });
    }
  }
  return null;
}
