import { describe, expect, it } from "vitest";
import type { JobLogLine } from "@outpost/cluster-core";
import { mergeJobLogs } from "./merge-job-logs";

const line = (seq: number): JobLogLine => ({ seq, step: 1, at: "2026-12-01T00:00:00.000Z", level: "info", message: `line ${seq}` });

describe("mergeJobLogs", () => {
  it("appends new lines and drops ones it has, in seq order", () => {
    expect(mergeJobLogs([line(1), line(2)], [line(3)]).map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(mergeJobLogs([line(1), line(3)], [line(2), line(3), line(4)]).map((l) => l.seq)).toEqual([1, 2, 3, 4]);
  });
});
