import { describe, expect, it } from "vitest";
import { isMaintenanceWindowOpen, nextMaintenanceWindowOpening } from "./maintenance-window";
import type { MaintenanceWindow } from "./rollout-schemas";
import { instantOfWallClock, wallClockAt } from "./zoned-time";

const at = (iso: string) => Date.parse(iso);
const everyDay = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as MaintenanceWindow["days"];
const nightly: MaintenanceWindow[] = [{ days: everyDay, start: "22:00", end: "06:00" }];
const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";

describe("wall clock conversions", () => {
  it("reads the local date, time and weekday of an instant", () => {
    expect(wallClockAt(at("2026-01-15T21:30:00Z"), BERLIN)).toEqual({ year: 2026, month: 1, day: 15, hour: 22, minute: 30, weekday: 3 });
    expect(wallClockAt(at("2026-07-01T03:00:00Z"), NEW_YORK)).toMatchObject({ day: 30, hour: 23, weekday: 1 });
  });

  it("maps a local time that does not exist (clocks forward) to the instant the clocks jump", () => {
    // Berlin, 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00Z.
    expect(instantOfWallClock(2026, 3, 29, 2, 30, BERLIN)).toBe(at("2026-03-29T01:00:00Z"));
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT at 07:00Z.
    expect(instantOfWallClock(2026, 3, 8, 2, 15, NEW_YORK)).toBe(at("2026-03-08T07:00:00Z"));
  });

  it("maps a local time that occurs twice (clocks back) to its first occurrence", () => {
    // Berlin, 25 October 2026: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET).
    expect(instantOfWallClock(2026, 10, 25, 2, 30, BERLIN)).toBe(at("2026-10-25T00:30:00Z"));
    // New York, 1 November 2026: 01:30 happens at 05:30Z (EDT) and at 06:30Z (EST).
    expect(instantOfWallClock(2026, 11, 1, 1, 30, NEW_YORK)).toBe(at("2026-11-01T05:30:00Z"));
  });

  it("maps ordinary local times exactly", () => {
    expect(instantOfWallClock(2026, 1, 15, 22, 0, BERLIN)).toBe(at("2026-01-15T21:00:00Z"));
    expect(instantOfWallClock(2026, 7, 4, 9, 5, NEW_YORK)).toBe(at("2026-07-04T13:05:00Z"));
  });
});

describe("maintenance windows", () => {
  it("are always open when a site has none", () => {
    expect(isMaintenanceWindowOpen([], BERLIN, at("2026-01-15T12:00:00Z"))).toBe(true);
    expect(nextMaintenanceWindowOpening([], BERLIN, at("2026-01-15T12:00:00Z"))).toBe(at("2026-01-15T12:00:00Z"));
  });

  it("open at the start minute and close at the end minute of a window crossing midnight", () => {
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-01-15T20:59:00Z"))).toBe(false); // 21:59 local
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-01-15T21:00:00Z"))).toBe(true); // 22:00
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-01-16T04:59:00Z"))).toBe(true); // 05:59 next day
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-01-16T05:00:00Z"))).toBe(false); // 06:00
  });

  it("keep a window open after midnight only if it opened on one of its days the evening before", () => {
    const fridayNight: MaintenanceWindow[] = [{ days: ["fri"], start: "22:00", end: "06:00" }];
    // 2026-01-16 is a Friday.
    expect(isMaintenanceWindowOpen(fridayNight, BERLIN, at("2026-01-16T20:00:00Z"))).toBe(false); // Fri 21:00
    expect(isMaintenanceWindowOpen(fridayNight, BERLIN, at("2026-01-16T22:00:00Z"))).toBe(true); // Fri 23:00
    expect(isMaintenanceWindowOpen(fridayNight, BERLIN, at("2026-01-17T02:00:00Z"))).toBe(true); // Sat 03:00
    expect(isMaintenanceWindowOpen(fridayNight, BERLIN, at("2026-01-17T22:00:00Z"))).toBe(false); // Sat 23:00
    expect(isMaintenanceWindowOpen(fridayNight, BERLIN, at("2026-01-16T02:00:00Z"))).toBe(false); // Fri 03:00 (Thu opened none)
  });

  it("treat equal start and end as a 24-hour window from the start", () => {
    const mondays: MaintenanceWindow[] = [{ days: ["mon"], start: "08:00", end: "08:00" }];
    // 2026-01-12 is a Monday; UTC+1.
    expect(isMaintenanceWindowOpen(mondays, BERLIN, at("2026-01-12T06:59:00Z"))).toBe(false);
    expect(isMaintenanceWindowOpen(mondays, BERLIN, at("2026-01-12T07:00:00Z"))).toBe(true);
    expect(isMaintenanceWindowOpen(mondays, BERLIN, at("2026-01-13T06:59:00Z"))).toBe(true);
    expect(isMaintenanceWindowOpen(mondays, BERLIN, at("2026-01-13T07:00:00Z"))).toBe(false);
  });

  it("follow the site's own time zone: the same instant is inside Tokyo's night and outside Berlin's", () => {
    const instant = at("2026-01-15T15:00:00Z"); // Tokyo 00:00, Berlin 16:00, New York 10:00
    expect(isMaintenanceWindowOpen(nightly, "Asia/Tokyo", instant)).toBe(true);
    expect(isMaintenanceWindowOpen(nightly, BERLIN, instant)).toBe(false);
    expect(isMaintenanceWindowOpen(nightly, NEW_YORK, instant)).toBe(false);
    expect(nextMaintenanceWindowOpening(nightly, NEW_YORK, instant)).toBe(at("2026-01-16T03:00:00Z"));
  });

  it("last 7 real hours across the Berlin spring-forward night (22:00 CET to 06:00 CEST)", () => {
    expect(nextMaintenanceWindowOpening(nightly, BERLIN, at("2026-03-28T12:00:00Z"))).toBe(at("2026-03-28T21:00:00Z"));
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-03-29T00:59:00Z"))).toBe(true); // 01:59 CET
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-03-29T01:00:00Z"))).toBe(true); // 03:00 CEST
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-03-29T03:59:00Z"))).toBe(true); // 05:59 CEST
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-03-29T04:00:00Z"))).toBe(false); // 06:00 CEST
  });

  it("last 9 real hours across the Berlin fall-back night (22:00 CEST to 06:00 CET)", () => {
    expect(nextMaintenanceWindowOpening(nightly, BERLIN, at("2026-10-24T12:00:00Z"))).toBe(at("2026-10-24T20:00:00Z"));
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-10-25T00:30:00Z"))).toBe(true); // first 02:30
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-10-25T01:30:00Z"))).toBe(true); // second 02:30
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-10-25T04:59:00Z"))).toBe(true); // 05:59 CET
    expect(isMaintenanceWindowOpen(nightly, BERLIN, at("2026-10-25T05:00:00Z"))).toBe(false); // 06:00 CET
  });

  it("open a window whose start falls into the skipped hour when the clocks jump", () => {
    const early: MaintenanceWindow[] = [{ days: ["sun"], start: "02:30", end: "04:00" }];
    expect(nextMaintenanceWindowOpening(early, BERLIN, at("2026-03-28T12:00:00Z"))).toBe(at("2026-03-29T01:00:00Z"));
    expect(isMaintenanceWindowOpen(early, BERLIN, at("2026-03-29T01:59:00Z"))).toBe(true); // 03:59 CEST
    expect(isMaintenanceWindowOpen(early, BERLIN, at("2026-03-29T02:00:00Z"))).toBe(false); // 04:00 CEST
  });

  it("skip a window that lies wholly inside the skipped hour to its next week", () => {
    const inGap: MaintenanceWindow[] = [{ days: ["sun"], start: "02:10", end: "02:40" }];
    expect(nextMaintenanceWindowOpening(inGap, BERLIN, at("2026-03-28T12:00:00Z"))).toBe(at("2026-04-05T00:10:00Z"));
  });

  it("follow the wall clock through New York's repeated hour (01:30–03:00 on the fall-back night)", () => {
    const w: MaintenanceWindow[] = [{ days: ["sun"], start: "01:30", end: "03:00" }];
    expect(nextMaintenanceWindowOpening(w, NEW_YORK, at("2026-10-31T12:00:00Z"))).toBe(at("2026-11-01T05:30:00Z")); // 01:30 EDT
    expect(isMaintenanceWindowOpen(w, NEW_YORK, at("2026-11-01T05:59:00Z"))).toBe(true); // 01:59 EDT
    expect(isMaintenanceWindowOpen(w, NEW_YORK, at("2026-11-01T06:15:00Z"))).toBe(false); // 01:15 EST, wall clock before 01:30
    expect(isMaintenanceWindowOpen(w, NEW_YORK, at("2026-11-01T06:30:00Z"))).toBe(true); // 01:30 EST
    expect(isMaintenanceWindowOpen(w, NEW_YORK, at("2026-11-01T08:00:00Z"))).toBe(false); // 03:00 EST
  });

  it("last one real hour across New York's spring-forward night (01:00 EST to 03:00 EDT)", () => {
    const w: MaintenanceWindow[] = [{ days: ["sun"], start: "01:00", end: "03:00" }];
    expect(isMaintenanceWindowOpen(w, NEW_YORK, at("2026-03-08T06:00:00Z"))).toBe(true); // 01:00 EST
    expect(isMaintenanceWindowOpen(w, NEW_YORK, at("2026-03-08T06:59:00Z"))).toBe(true); // 01:59 EST
    expect(isMaintenanceWindowOpen(w, NEW_YORK, at("2026-03-08T07:00:00Z"))).toBe(false); // 03:00 EDT
  });

  it("find the next opening days ahead, and the instant itself while open", () => {
    const mondayMorning: MaintenanceWindow[] = [{ days: ["mon"], start: "09:00", end: "10:00" }];
    // From Tuesday 2026-01-13 to Monday 2026-01-19 09:00 CET.
    expect(nextMaintenanceWindowOpening(mondayMorning, BERLIN, at("2026-01-13T12:00:00Z"))).toBe(at("2026-01-19T08:00:00Z"));
    expect(nextMaintenanceWindowOpening(mondayMorning, BERLIN, at("2026-01-19T08:30:00Z"))).toBe(at("2026-01-19T08:30:00Z"));
    // Later the same day, with two windows: the earlier one wins.
    const two: MaintenanceWindow[] = [
      { days: everyDay, start: "23:00", end: "23:30" },
      { days: everyDay, start: "13:00", end: "14:00" },
    ];
    expect(nextMaintenanceWindowOpening(two, BERLIN, at("2026-01-13T10:00:00Z"))).toBe(at("2026-01-13T12:00:00Z"));
  });
});
