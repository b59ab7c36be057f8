import { describe, expect, it } from "vitest";
import { parseLabelLines } from "./parse-label-lines";

describe("parseLabelLines", () => {
  it("reads key=value lines and commas, skipping blanks", () => {
    expect(parseLabelLines("env=prod\n\n region = eu-west ,tier=edge\n")).toEqual({
      ok: true,
      labels: { env: "prod", region: "eu-west", tier: "edge" },
    });
  });
  it("accepts an empty value and prefixed keys", () => {
    expect(parseLabelLines("example.com/gpu=")).toEqual({ ok: true, labels: { "example.com/gpu": "" } });
  });
  it("rejects lines without '='", () => {
    expect(parseLabelLines("env")).toEqual({ ok: false, error: "'env' is not key=value" });
  });
  it("rejects duplicate keys", () => {
    expect(parseLabelLines("env=a\nenv=b")).toMatchObject({ ok: false, error: "label 'env' is given twice" });
  });
  it("uses the server's messages for bad values", () => {
    const r = parseLabelLines("env=not ok");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("label values are at most 63");
  });
});
