import { describe, expect, it } from "vitest";
import { changedFields, changedLabels } from "./changed-fields";

describe("changedFields", () => {
  it("keeps only the fields whose value changed, comparing objects by content", () => {
    const before = { name: "berlin", timeZone: "Europe/Berlin", location: "", labels: { a: "1" } };
    const after = { name: "berlin", timeZone: "Europe/Paris", location: "", labels: { a: "1" } };
    expect(changedFields(before, after)).toEqual({ timeZone: { from: "Europe/Berlin", to: "Europe/Paris" } });
  });

  it("ignores fields the request left out", () => {
    expect(changedFields({ role: "viewer", disabled: false }, { role: undefined, disabled: true })).toEqual({ disabled: { from: false, to: true } });
  });
});

describe("changedLabels", () => {
  it("lists added, removed and changed labels one by one", () => {
    expect(changedLabels({ env: "prod", tier: "a" }, { env: "staging", beta: "true" })).toEqual({
      "label env": { from: "prod", to: "staging" },
      "label tier": { from: "a", to: null },
      "label beta": { from: null, to: "true" },
    });
  });
});
