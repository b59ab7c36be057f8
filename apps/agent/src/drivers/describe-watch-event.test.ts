import { describe, expect, it } from "vitest";
import { describeWatchEvent } from "./describe-watch-event";

describe("describeWatchEvent", () => {
  it("names workload and node changes", () => {
    expect(
      describeWatchEvent("MODIFIED", { kind: "Deployment", metadata: { name: "web", namespace: "shop", resourceVersion: "42" }, spec: { replicas: 3 }, status: { readyReplicas: 2 } }),
    ).toEqual({ type: "MODIFIED", kind: "Deployment", namespace: "shop", name: "web", resourceVersion: "42", summary: "ready 2/3" });
    expect(describeWatchEvent("MODIFIED", { kind: "Node", metadata: { name: "n1", resourceVersion: "7" }, status: { conditions: [{ type: "Ready", status: "False" }] } })).toMatchObject({
      kind: "Node",
      summary: "Ready=False",
    });
  });

  it("ignores events, bookmarks and malformed objects", () => {
    expect(describeWatchEvent("ADDED", { kind: "Event", metadata: { name: "x" } })).toBeUndefined();
    expect(describeWatchEvent("BOOKMARK", { kind: "Deployment", metadata: { name: "web" } })).toBeUndefined();
    expect(describeWatchEvent("MODIFIED", null)).toBeUndefined();
    expect(describeWatchEvent("MODIFIED", { kind: "Deployment", metadata: {} })).toBeUndefined();
  });
});
