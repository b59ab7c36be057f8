import { type MaintenanceWindow, WEEKDAY_NAMES } from "./rollout-schemas";
import { addLocalDays, instantOfWallClock, wallClockAt } from "./zoned-time";

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function opensOn(window: MaintenanceWindow, weekday: number): boolean {
  return window.days.includes(WEEKDAY_NAMES[weekday]!);
}

/**
 * True when `instant` lies inside one of the windows, read on the wall clock of `timeZone`.
 * No windows means always open.
 */
export function isMaintenanceWindowOpen(windows: readonly MaintenanceWindow[], timeZone: string, instant: number): boolean {
  if (windows.length === 0) return true;
  const w = wallClockAt(instant, timeZone);
  const now = w.hour * 60 + w.minute;
  const yesterday = (w.weekday + 6) % 7;
  return windows.some((win) => {
    const start = minutesOf(win.start);
    const end = minutesOf(win.end);
    if (start < end) return opensOn(win, w.weekday) && now >= start && now < end;
    // Crosses midnight (or lasts 24 h): open from start today, or until end if it opened yesterday.
    return (opensOn(win, w.weekday) && now >= start) || (opensOn(win, yesterday) && now < end);
  });
}

/**
 * When the next window opens at or after `instant` (ms since the epoch): `instant` itself when a
 * window is open now, null when no window ever opens (none configured means always open, which
 * also gives `instant`).
 */
export function nextMaintenanceWindowOpening(windows: readonly MaintenanceWindow[], timeZone: string, instant: number): number | null {
  if (isMaintenanceWindowOpen(windows, timeZone, instant)) return instant;
  const today = wallClockAt(instant, timeZone);
  let best: number | null = null;
  // Two weeks: a weekly window can be lost to a DST jump once.
  for (let k = 0; k <= 14; k++) {
    const date = addLocalDays(today.year, today.month, today.day, k);
    for (const win of windows) {
      if (!opensOn(win, date.weekday)) continue;
      const start = minutesOf(win.start);
      const at = instantOfWallClock(date.year, date.month, date.day, Math.floor(start / 60), start % 60, timeZone);
      // A window that lies wholly inside a skipped hour (clocks forward) never opens that day.
      if (at <= instant || (best !== null && at >= best) || !isMaintenanceWindowOpen(windows, timeZone, at)) continue;
      best = at;
    }
    if (best !== null) return best;
  }
  return best;
}
