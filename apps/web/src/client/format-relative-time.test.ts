import { describe, expect, it } from "vitest";
import { formatRelativeTime } from "./format-relative-time";

const now = Date.parse("2025-01-10T12:00:00Z");
const ago = (ms: number) => new Date(now - ms).toISOString();

describe("formatRelativeTime", () => {
  it("says just now for the last 45 seconds", () => {
    expect(formatRelativeTime(ago(10_000), now)).toBe("just now");
  });
  it("counts minutes, hours and days", () => {
    expect(formatRelativeTime(ago(2 * 60_000), now)).toBe("2 min ago");
    expect(formatRelativeTime(ago(50_000), now)).toBe("1 min ago");
    expect(formatRelativeTime(ago(3 * 3_600_000), now)).toBe("3 h ago");
    expect(formatRelativeTime(ago(5 * 86_400_000), now)).toBe("5 d ago");
  });
  it("describes future times", () => {
    expect(formatRelativeTime(ago(-40 * 60_000), now)).toBe("in 40 min");
  });
  it("does not throw on bad input", () => {
    expect(formatRelativeTime("not a date", now)).toBe("unknown time");
  });
});
