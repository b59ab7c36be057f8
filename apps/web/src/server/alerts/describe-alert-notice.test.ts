import { describe, expect, it } from "vitest";
import { formatHumanDuration, type AlertNotice } from "@outpost/cluster-core";
import { describeAlertNotice } from "./describe-alert-notice";

const notice = (over: Partial<AlertNotice> = {}): AlertNotice => ({
  version: 1,
  event: "firing",
  deliveryId: "d1",
  at: "2026-12-01T12:07:00.000Z",
  alert: {
    id: "a1",
    rule: { id: "r1", name: "Shops offline > 5 min", condition: "cluster-offline" },
    subject: "",
    message: "offline since 2026-12-01T12:00:00.000Z",
    since: "2026-12-01T12:00:00.000Z",
    firedAt: "2026-12-01T12:05:00.000Z",
    resolvedAt: null,
  },
  cluster: { id: "c1", name: "store-berlin-k3s", site: "store-berlin", labels: {}, url: "https://outpost.example/clusters/c1" },
  ...over,
});

describe("describeAlertNotice", () => {
  it("names the cluster, its site, how long, the rule and a link", () => {
    const { title, text } = describeAlertNotice(notice());
    expect(title).toBe("store-berlin-k3s (site store-berlin) is offline");
    expect(text).toContain("For 7 min");
    expect(text).toContain("Rule: Shops offline > 5 min.");
    expect(text).toContain("https://outpost.example/clusters/c1");
  });

  it("says how long it lasted when resolved", () => {
    const resolved = notice({ event: "resolved", alert: { ...notice().alert, resolvedAt: "2026-12-01T14:10:00.000Z" } });
    expect(describeAlertNotice(resolved).title).toBe("Resolved: store-berlin-k3s (site store-berlin) is offline");
    expect(describeAlertNotice(resolved).text).toContain("Cleared after 2 h 10 min");
  });

  it("formats durations for people", () => {
    expect(formatHumanDuration(20_000)).toBe("under a minute");
    expect(formatHumanDuration(61 * 60_000)).toBe("1 h 1 min");
    expect(formatHumanDuration(49 * 3600_000)).toBe("2 d 1 h");
  });
});
