import type { FuzzRandom } from "./fuzz-random";

/** Strings that have hurt servers somewhere: encodings, injections, control characters, sizes. */
const STRINGS = [
  "",
  " ",
  "\ud800",
  "a\udc00b",
  "\ud83d",
  "nul\u0000byte",
  "\u0000",
  "line\nbreak\r\n[outpost] forged",
  "\u2028\u2029",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "%zz",
  "%ff%fe",
  "../../etc/passwd",
  "..\\..\\windows",
  "'; DROP TABLE \"User\"; --",
  "\" OR 1=1 --",
  "${7*7}{{7*7}}<%= 7*7 %>",
  "<script>alert(1)</script>",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "0x10",
  "😀".repeat(40),
  "é".repeat(300),
  "x".repeat(70_000),
  "\t\v\f\b",
  "\u007f\u0080\u00ff",
  "\ufeff",
  "\ufffe\uffff",
];
const NUMBERS = [0, -1, -0.5, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, Number.MIN_VALUE];

/** One hostile JSON value: a string, number, literal, an over-deep nest, a huge array or a prototype-key object. */
export function hostileValue(r: FuzzRandom): unknown {
  switch (r.int(8)) {
    case 0:
    case 1:
    case 2:
      return r.pick(STRINGS);
    case 3:
      return r.pick(NUMBERS);
    case 4:
      return r.pick([null, true, false, [], {}]);
    case 5: {
      let v: unknown = 1;
      for (let i = 0, n = 101 + r.int(500); i < n; i++) v = r.chance(0.5) ? [v] : { a: v };
      return v;
    }
    case 6:
      return Array.from({ length: 1000 + r.int(5000) }, () => r.pick(STRINGS.slice(0, 12)));
    default:
      return JSON.parse('{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}') as unknown;
  }
}

/** A string that is never valid as anything: NUL, an unpaired surrogate, or both with noise around. */
export function poisonString(r: FuzzRandom): string {
  return `${r.pick(["", "a", "site-1", "é"])}${r.pick(["\u0000", "\ud800", "\udfff", "\u0000\ud83d"])}${r.pick(["", "z", "-x"])}`;
}
