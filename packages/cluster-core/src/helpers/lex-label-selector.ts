/** One token of a label selector; `at` is its 0-based character offset, for error messages. */
export type SelectorToken =
  | { kind: "word"; text: string; at: number }
  | { kind: "=" | "==" | "!=" | "!" | "," | "(" | ")"; at: number };

const WHITESPACE = new Set([" ", "\t", "\n", "\r", "\f", "\v"]);
const SYMBOLS = new Set(["!", "=", ",", "(", ")"]);

/**
 * Splits a selector into words and symbols in one pass, looking at each character once: no
 * regular expression runs over the whole text, so a long or hostile selector costs linear time.
 * A word is any run of characters that is neither whitespace nor a symbol; whether it is a valid
 * key or value is for the parser to say.
 */
export function lexLabelSelector(text: string): SelectorToken[] {
  const tokens: SelectorToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (WHITESPACE.has(c)) {
      i++;
    } else if (c === "!" || c === "=") {
      const pair = text[i + 1] === "=";
      tokens.push({ kind: c === "!" ? (pair ? "!=" : "!") : pair ? "==" : "=", at: i });
      i += pair ? 2 : 1;
    } else if (c === "," || c === "(" || c === ")") {
      tokens.push({ kind: c, at: i });
      i++;
    } else {
      const start = i;
      while (i < text.length && !WHITESPACE.has(text[i]!) && !SYMBOLS.has(text[i]!)) i++;
      tokens.push({ kind: "word", text: text.slice(start, i), at: start });
    }
  }
  return tokens;
}
