import { describe, expect, it } from "vitest";
import { PROBLEM_RANK, clusterProblemRank } from "./cluster-problem-rank";

const counts = { nodesReady: 3, nodesTotal: 3, workloadsHealthy: 5, workloadsTotal: 5 };

describe("clusterProblemRank", () => {
  it("puts offline before degraded before anything an online cluster reports", () => {
    expect(clusterProblemRank({ ...counts, status: "offline" })).toBe(PROBLEM_RANK.offline);
    expect(clusterProblemRank({ ...counts, status: "degraded", nodesReady: 0 })).toBe(PROBLEM_RANK.degraded);
    expect(clusterProblemRank({ ...counts, status: "online", nodesReady: 2, workloadsHealthy: 1 })).toBe(PROBLEM_RANK.nodesNotReady);
    expect(clusterProblemRank({ ...counts, status: "online", workloadsHealthy: 4 })).toBe(PROBLEM_RANK.workloadsUnhealthy);
  });

  it("ranks a never-connected cluster after real problems and before healthy ones", () => {
    expect(clusterProblemRank({ ...counts, status: "pending" })).toBe(PROBLEM_RANK.pending);
    expect(clusterProblemRank({ ...counts, status: "online" })).toBe(PROBLEM_RANK.healthy);
    expect(PROBLEM_RANK.workloadsUnhealthy).toBeLessThan(PROBLEM_RANK.pending);
    expect(PROBLEM_RANK.pending).toBeLessThan(PROBLEM_RANK.healthy);
  });
});
