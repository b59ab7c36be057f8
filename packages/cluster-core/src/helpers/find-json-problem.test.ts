import { describe, expect, it } from "vitest";
import { findJsonProblem, MAX_JSON_DEPTH } from "./find-json-problem";

describe("findJsonProblem", () => {
  it("accepts ordinary values, paired surrogates (emoji) and binary chunks", () => {
    for (const v of [null, 1, "", "€ 😀 ok", { a: [1, "b", { c: true }] }, { chunk: new Uint8Array([0, 0xd8]) }, Buffer.from([0])]) {
      expect(findJsonProblem(v), JSON.stringify(v)).toBeNull();
    }
  });

  it("finds unpaired surrogates in values and keys, and says where", () => {
    expect(findJsonProblem({ site: { location: "x\ud800" } })).toEqual({ path: "site.location", message: expect.stringMatching(/unpaired surrogate/) });
    expect(findJsonProblem(["ok", "\udc00"])).toMatchObject({ path: "1" });
    expect(findJsonProblem("\ud83d")).toMatchObject({ path: "" });
    expect(findJsonProblem({ ["k\ud800"]: 1 })).toMatchObject({ path: "k\ud800", message: expect.stringMatching(/^key: /) });
  });

  it("finds NUL characters", () => {
    expect(findJsonProblem({ name: "a\u0000b" })).toEqual({ path: "name", message: expect.stringMatching(/NUL character/) });
  });

  it(`refuses nesting deeper than ${MAX_JSON_DEPTH} levels and walks 100,000 levels without overflowing`, () => {
    const nest = (n: number) => {
      let v: unknown = 1;
      for (let i = 0; i < n; i++) v = { a: v };
      return v;
    };
    expect(findJsonProblem(nest(MAX_JSON_DEPTH))).toBeNull();
    expect(findJsonProblem(nest(MAX_JSON_DEPTH + 1))).toMatchObject({ message: `the value is nested deeper than ${MAX_JSON_DEPTH} levels` });
    expect(findJsonProblem(nest(100_000), 200_000)).toBeNull();
    expect(findJsonProblem(JSON.parse(`${"[".repeat(50_000)}${"]".repeat(50_000)}`))).toMatchObject({ message: expect.stringMatching(/nested deeper/) });
  });
});
