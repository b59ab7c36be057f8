import { describe, expect, it } from "vitest";
import { formatMaintenanceWindows, parseMaintenanceWindowLines } from "./maintenance-window-lines";

describe("maintenance window lines", () => {
  it("reads day ranges, lists, daily and wrapping ranges", () => {
    const r = parseMaintenanceWindowLines("mon-fri 22:00-06:00\nsat,sun 00:00-00:00\n# note\ndaily 01:00 - 05:00\nfri-mon 23:00-01:00");
    expect(r).toEqual({
      ok: true,
      windows: [
        { days: ["mon", "tue", "wed", "thu", "fri"], start: "22:00", end: "06:00" },
        { days: ["sat", "sun"], start: "00:00", end: "00:00" },
        { days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], start: "01:00", end: "05:00" },
        { days: ["mon", "fri", "sat", "sun"], start: "23:00", end: "01:00" },
      ],
    });
  });

  it("says which line is wrong and why", () => {
    expect(parseMaintenanceWindowLines("mon-fri 22:00-06:00\nweekends 10:00-11:00")).toEqual({ ok: false, error: expect.stringMatching(/^line 2: days are/) });
    expect(parseMaintenanceWindowLines("mon 25:00-06:00")).toEqual({ ok: false, error: expect.stringMatching(/^line 1: times are HH:MM/) });
    expect(parseMaintenanceWindowLines("22:00-06:00")).toEqual({ ok: false, error: expect.stringMatching(/^line 1: write days then times/) });
  });

  it("writes windows back as lines that read the same", () => {
    const text = "mon-fri 22:00-06:00\nsat,sun 00:00-00:00\ndaily 01:00-05:00\nmon,wed 10:00-11:00";
    const r = parseMaintenanceWindowLines(text);
    expect(r.ok && formatMaintenanceWindows(r.windows)).toBe(text);
  });
});
