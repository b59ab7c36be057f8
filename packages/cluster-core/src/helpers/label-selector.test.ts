import { describe, expect, it } from "vitest";
import { LabelSelectorError, matchesLabelSelector, parseLabelSelector } from "./label-selector";

describe("label selectors", () => {
  const labels = { env: "prod", region: "eu", gpu: "true" };
  const match = (sel: string) => matchesLabelSelector(labels, parseLabelSelector(sel));

  it("selects everything when empty", () => {
    expect(match("")).toBe(true);
    expect(match("  ")).toBe(true);
  });

  it("handles =, ==, !=, existence and absence", () => {
    expect(match("env=prod")).toBe(true);
    expect(match("env==prod,region=eu")).toBe(true);
    expect(match("env=dev")).toBe(false);
    expect(match("env!=dev")).toBe(true);
    expect(match("missing!=x")).toBe(true);
    expect(match("gpu")).toBe(true);
    expect(match("!gpu")).toBe(false);
    expect(match("!beta")).toBe(true);
  });

  it("rejects malformed selectors with a clear error", () => {
    expect(() => parseLabelSelector("bad key=1")).toThrow(LabelSelectorError);
    expect(() => parseLabelSelector("!env=prod")).toThrow(/only goes before a bare key/);
    expect(() => parseLabelSelector("env=not valid")).toThrow(/not a valid label value/);
  });
});
