import { describe, expect, it } from "vitest";
import { summarizeSnapshot } from "./summarize-snapshot";

const node = (name: string, ready: boolean) => ({ name, ready, roles: [], kubeletVersion: "v1.32.0+k3s1", cpu: "2", memory: "4Gi" });
const deploy = (name: string, desired: number, ready: number) => ({ namespace: "default", name, kind: "Deployment" as const, desired, ready });

describe("summarizeSnapshot", () => {
  it("counts ready nodes and workloads whose replicas are all ready", () => {
    const s = summarizeSnapshot({
      nodes: [node("a", true), node("b", false), node("c", true)],
      workloads: [deploy("web", 3, 3), deploy("api", 2, 1), deploy("idle", 0, 0)],
    });
    expect(s).toEqual({ nodesReady: 2, nodesTotal: 3, workloadsHealthy: 2, workloadsTotal: 3 });
  });

  it("gives zeros for an empty cluster", () => {
    expect(summarizeSnapshot({ nodes: [], workloads: [] })).toEqual({ nodesReady: 0, nodesTotal: 0, workloadsHealthy: 0, workloadsTotal: 0 });
  });
});
