import { describe, expect, it } from "vitest";
import { formatLabelSelector } from "./format-label-selector";
import { LABEL_SELECTOR_MAX_LENGTH, LabelSelectorError, matchesLabelSelector, parseLabelSelector } from "./label-selector";
import { ZLabelSelector } from "./label-selector-schema";

describe("label selectors", () => {
  const labels = { env: "prod", region: "eu", gpu: "true", empty: "" };
  const match = (sel: string) => matchesLabelSelector(labels, parseLabelSelector(sel));

  it("selects everything when empty or blank", () => {
    expect(parseLabelSelector("")).toEqual([]);
    expect(match("")).toBe(true);
    expect(match("  \t")).toBe(true);
  });

  it("handles =, ==, !=, existence and absence", () => {
    expect(match("env=prod")).toBe(true);
    expect(match("env==prod,region=eu")).toBe(true);
    expect(match("env=dev")).toBe(false);
    expect(match("env!=dev")).toBe(true);
    expect(match("env!=prod")).toBe(false);
    expect(match("missing!=x")).toBe(true);
    expect(match("missing=x")).toBe(false);
    expect(match("gpu")).toBe(true);
    expect(match("missing")).toBe(false);
    expect(match("!gpu")).toBe(false);
    expect(match("!beta")).toBe(true);
  });

  it("handles in and notin like Kubernetes: notin also selects objects without the key", () => {
    expect(match("region in (eu,us)")).toBe(true);
    expect(match("region in (us, ap)")).toBe(false);
    expect(match("missing in (eu)")).toBe(false);
    expect(match("region notin (us,ap)")).toBe(true);
    expect(match("region notin (eu)")).toBe(false);
    expect(match("missing notin (eu)")).toBe(true);
    expect(match("region in (eu),env notin (dev),gpu,!beta")).toBe(true);
  });

  it("reads the structure of every operator", () => {
    expect(parseLabelSelector("a=1,b==2,c!=3,d in (x, y),e notin (z),f,!g")).toEqual([
      { key: "a", op: "=", value: "1" },
      { key: "b", op: "=", value: "2" },
      { key: "c", op: "!=", value: "3" },
      { key: "d", op: "in", values: ["x", "y"] },
      { key: "e", op: "notin", values: ["z"] },
      { key: "f", op: "exists" },
      { key: "g", op: "!exists" },
    ]);
  });

  it("allows whitespace around every token and prefixed keys", () => {
    expect(parseLabelSelector("  example.com/tier  =  edge ,  ! beta , zone in(a,b)")).toEqual([
      { key: "example.com/tier", op: "=", value: "edge" },
      { key: "beta", op: "!exists" },
      { key: "zone", op: "in", values: ["a", "b"] },
    ]);
  });

  it("reads an empty value as the empty string, as Kubernetes does", () => {
    expect(parseLabelSelector("empty=")).toEqual([{ key: "empty", op: "=", value: "" }]);
    expect(match("empty=")).toBe(true);
    expect(match("env=")).toBe(false);
    expect(parseLabelSelector("empty in ()")).toEqual([{ key: "empty", op: "in", values: [""] }]);
    expect(parseLabelSelector("k in (a,,b)")).toEqual([{ key: "k", op: "in", values: ["a", "", "b"] }]);
  });

  it("treats 'in' and 'notin' as keys where a key is expected", () => {
    expect(parseLabelSelector("in=1,notin")).toEqual([
      { key: "in", op: "=", value: "1" },
      { key: "notin", op: "exists" },
    ]);
  });

  it("rejects malformed selectors with a message that says what and where", () => {
    const cases: [string, RegExp][] = [
      ["bad key=1", /expected '=', '==', '!=', 'in', 'notin', ',' or the end after 'bad', found 'key' at character 5/],
      ["!env=prod", /'!' only goes before a bare key: '!env' cannot be followed by '=' at character 5/],
      ["env=not valid", /expected ',' between requirements, found 'valid' at character 9/],
      ["env=a$b", /'a\$b' at character 5 is not a valid label value/],
      ["-env=a", /'-env' at character 1 is not a valid label key/],
      ["env=prod,", /a ',' must be followed by another requirement/],
      [",env=prod", /expected a label key, found ',' at character 1/],
      ["env in prod", /expected '\(' to start the list of values, found 'prod' at character 8/],
      ["env in (a b)", /expected ',' or '\)' in the list of values, found 'b' at character 11/],
      ["env in (a,b", /expected ',' or '\)' in the list of values, found the end/],
      ["env notin", /expected '\(' to start the list of values, found the end/],
      ["env=(a)", /expected a label value, found '\(' at character 5/],
      ["env=a=b", /expected ',' between requirements, found '=' at character 6/],
      ["!", /expected a label key, found the end/],
      ["a,,b", /expected a label key, found ',' at character 3/],
      [`k=${"v".repeat(64)}`, /is not a valid label value/],
      [`${"p".repeat(254)}/k`, /is not a valid label key/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseLabelSelector(text), text).toThrow(LabelSelectorError);
      expect(() => parseLabelSelector(text), text).toThrow(message);
    }
  });

  it(`refuses selectors longer than ${LABEL_SELECTOR_MAX_LENGTH} characters before reading them`, () => {
    expect(() => parseLabelSelector("a".repeat(LABEL_SELECTOR_MAX_LENGTH + 1))).toThrow(/at most 4096 characters \(this one has 4097\)/);
    const longest = Array.from({ length: 1000 }, (_, i) => `k${i}`).join(",").slice(0, LABEL_SELECTOR_MAX_LENGTH).replace(/,[^,]*$/, "");
    expect(parseLabelSelector(longest).length).toBeGreaterThan(500);
  });

  it("refuses a 15,000-character selector at once (it took 372 ms before the length limit; best of 5 under 5 ms)", () => {
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      expect(() => parseLabelSelector(`a${" ".repeat(15_000)}!`)).toThrow(/at most 4096 characters/);
      best = Math.min(best, performance.now() - started);
    }
    expect(best).toBeLessThan(5);
  });

  it("parses hostile selectors of the largest size in linear time (each under 10 ms, or within 8× an ordinary selector of that size parsed in the same run)", () => {
    const n = LABEL_SELECTOR_MAX_LENGTH;
    const hostile = [
      " ".repeat(n),
      "a".repeat(n),
      `a${" ".repeat(n - 3)}=b`,
      `a${" ".repeat(n - 2)}!`,
      "!".repeat(n),
      "=".repeat(n),
      "a=".repeat(n / 2),
      `k in (${"a,".repeat(n / 2 - 4)}a)`,
      "(".repeat(n),
      "a ".repeat(n / 2),
      `${"x.".repeat(n / 2 - 1)}/y`,
      `k=${"v".repeat(n - 2)}`,
    ];
    // The best of a few runs: the first one also pays for compiling the parser.
    const bestOf = (text: string) => {
      let best = Infinity;
      for (let run = 0; run < 7; run++) {
        const started = performance.now();
        try {
          parseLabelSelector(text);
        } catch (err) {
          expect(err).toBeInstanceOf(LabelSelectorError);
        }
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    // On a loaded machine absolute times stretch; a backtracking parser is hundreds of times slower
    // than on an ordinary selector, a linear one a few times at most.
    const ordinary = bestOf(`${"tier=edge,".repeat(n / 10 - 1)}region=eu`.padEnd(n, "u"));
    for (const text of hostile) {
      expect(bestOf(text), JSON.stringify(text.slice(0, 20))).toBeLessThan(Math.max(10, 8 * ordinary));
    }
  });

  it("writes requirements back as text that parses to the same requirements", () => {
    for (const text of ["", "a=1", "a!=1,b", "!c,d in (x,y),e notin (z)", "empty=", "k in ()", "example.com/tier==edge"]) {
      const parsed = parseLabelSelector(text);
      expect(parseLabelSelector(formatLabelSelector(parsed)), text).toEqual(parsed);
    }
    expect(formatLabelSelector(parseLabelSelector(" region in ( eu , us ) , ! beta "))).toBe("region in (eu,us),!beta");
  });

  it("offers a zod schema that keeps the text and explains a bad selector", () => {
    expect(ZLabelSelector.parse("env in (prod)")).toBe("env in (prod)");
    const bad = ZLabelSelector.safeParse("env in prod");
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/^label selector: expected '\('/);
    expect(ZLabelSelector.safeParse("a".repeat(5000)).error?.issues[0]?.message).toMatch(/at most 4096 characters/);
  });
});
