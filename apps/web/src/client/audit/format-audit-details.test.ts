import { describe, expect, it } from "vitest";
import { formatAuditDetails } from "./format-audit-details";

describe("formatAuditDetails", () => {
  it("reads recorded changes as old → new, and leaves out the name shown as the target", () => {
    expect(formatAuditDetails({ name: "berlin", changes: { "label env": { from: "prod", to: "staging" }, "label beta": { from: null, to: "true" } } })).toBe(
      "label env: prod → staging · label beta: none → true",
    );
  });

  it("shows other details as key: value and skips empty ones", () => {
    expect(formatAuditDetails({ movedClusters: 2, movedTo: "hamburg", note: "" })).toBe("movedClusters: 2 · movedTo: hamburg");
  });
});
