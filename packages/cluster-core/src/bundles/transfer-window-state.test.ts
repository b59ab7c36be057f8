import { describe, expect, it } from "vitest";
import { transferWindowState } from "./transfer-window-state";
import { ZTransferWindow } from "./transfer-window";

describe("transferWindowState", () => {
  it("is open inside a same-day window and says when it closes", () => {
    const s = transferWindowState("09:00-17:00", "UTC", new Date("2026-12-01T10:30:00Z"));
    expect(s).toEqual({ open: true, changesInMs: 6.5 * 3600_000 });
  });

  it("is closed outside it and says when it opens", () => {
    const s = transferWindowState("09:00-17:00", "UTC", new Date("2026-12-01T17:00:00Z"));
    expect(s).toEqual({ open: false, changesInMs: 16 * 3600_000 });
  });

  it("wraps past midnight", () => {
    expect(transferWindowState("22:00-06:00", "UTC", new Date("2026-12-01T23:59:00Z")).open).toBe(true);
    expect(transferWindowState("22:00-06:00", "UTC", new Date("2026-12-01T05:59:00Z")).open).toBe(true);
    expect(transferWindowState("22:00-06:00", "UTC", new Date("2026-12-01T06:00:00Z")).open).toBe(false);
  });

  it("reads the clock in the site's time zone", () => {
    // 10:00 UTC is 11:00 in Berlin in winter: outside 06:00-11:00 there, inside it in UTC.
    const at = new Date("2026-12-01T10:00:00Z");
    expect(transferWindowState("06:00-11:00", "UTC", at).open).toBe(true);
    expect(transferWindowState("06:00-11:00", "Europe/Berlin", at)).toEqual({ open: false, changesInMs: 19 * 3600_000 });
  });

  it("counts seconds into the current minute", () => {
    expect(transferWindowState("09:00-17:00", "UTC", new Date("2026-12-01T16:59:30.500Z")).changesInMs).toBe(29_500);
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
