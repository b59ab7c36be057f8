import { describe, expect, it } from "vitest";
import { summarizeStatusHistory } from "./summarize-status-history";

const H = 3600_000;

describe("summarizeStatusHistory", () => {
  it("cuts the window into stretches per status and counts outages and time offline", () => {
    const s = summarizeStatusHistory(
      "online",
      [
        { at: 2 * H, to: "offline", reason: "disconnected" },
        { at: 3 * H, to: "online", reason: "connected" },
        { at: 10 * H, to: "degraded", reason: "slow-heartbeats" },
        { at: 11 * H, to: "offline", reason: "heartbeat-timeout" },
      ],
      0,
      12 * H,
    );
    expect(s.segments.map((x) => [x.status, x.from / H, x.to / H])).toEqual([
      ["online", 0, 2],
      ["offline", 2, 3],
      ["online", 3, 10],
      ["degraded", 10, 11],
      ["offline", 11, 12],
    ]);
    expect(s.outages).toBe(2);
    expect(s.offlineMs).toBe(2 * H);
  });

  it("does not count the centre's own restart as an outage of the site", () => {
    const s = summarizeStatusHistory("online", [{ at: H, to: "offline", reason: "centre-restart" }, { at: 2 * H, to: "online", reason: "connected" }], 0, 3 * H);
    expect(s.outages).toBe(0);
    expect(s.offlineMs).toBe(H);
  });
});
