import { describe, expect, it } from "vitest";
import { ZTransferWindow } from "./transfer-window";
import { transferWindowWait } from "./transfer-window-wait";

const at = (iso: string) => new Date(iso).getTime();

describe("transferWindowWait", () => {
  it("is 0 inside a same-day window and the time to the opening outside it", () => {
    expect(transferWindowWait("09:00-17:00", "UTC", at("2026-12-01T10:30:00Z"))).toBe(0);
    expect(transferWindowWait("09:00-17:00", "UTC", at("2026-12-01T17:00:00Z"))).toBe(16 * 3600_000);
  });

  it("wraps past midnight", () => {
    expect(transferWindowWait("22:00-06:00", "UTC", at("2026-12-01T23:59:00Z"))).toBe(0);
    expect(transferWindowWait("22:00-06:00", "UTC", at("2026-12-01T05:59:00Z"))).toBe(0);
    expect(transferWindowWait("22:00-06:00", "UTC", at("2026-12-01T06:00:00Z"))).toBe(16 * 3600_000);
  });

  it("reads the clock in the site's time zone", () => {
    // 10:00 UTC is 11:00 in Berlin in winter: outside 06:00-11:00 there, inside it in UTC.
    expect(transferWindowWait("06:00-11:00", "UTC", at("2026-12-01T10:00:00Z"))).toBe(0);
    expect(transferWindowWait("06:00-11:00", "Europe/Berlin", at("2026-12-01T10:00:00Z"))).toBe(19 * 3600_000);
  });
});

describe("ZTransferWindow", () => {
  it("takes HH:MM-HH:MM and refuses empty or malformed windows", () => {
    expect(ZTransferWindow.safeParse("22:00-06:00").success).toBe(true);
    expect(ZTransferWindow.safeParse("22:00-22:00").success).toBe(false);
    expect(ZTransferWindow.safeParse("24:00-06:00").success).toBe(false);
    expect(ZTransferWindow.safeParse("9:00-17:00").success).toBe(false);
  });
});
