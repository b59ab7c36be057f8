/** A local wall-clock reading in some time zone. `weekday` is 0 = Monday … 6 = Sunday. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formats.set(timeZone, f);
  }
  return f;
}

/** What a clock on the wall in `timeZone` shows at `instant` (ms since the epoch). */
export function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ""] ?? 0,
  };
}

/** The zone's offset from UTC at `instant`, in ms (Berlin in summer: +7,200,000). */
function offsetAt(instant: number, timeZone: string): number {
  const w = wallClockAt(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  return asUtc - (instant - (((instant % 60_000) + 60_000) % 60_000));
}

/**
 * The first instant at which the wall clock in `timeZone` reads the given local date and time
 * or later. A time that occurs twice (clocks going back) gives its first occurrence; a time that
 * does not exist (clocks going forward, e.g. 02:30 in Berlin on the last Sunday of March) gives
 * the instant the clocks jump, when the wall first shows a later time.
 */
export function instantOfWallClock(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const utcWall = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(utcWall - 86_400_000, timeZone);
  const after = offsetAt(utcWall + 86_400_000, timeZone);
  const candidates = [utcWall - before, utcWall - after].filter((t) => offsetAt(t, timeZone) === utcWall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  // A gap: the wall clock skips this time. Search the minute at which it first reads later.
  const target = utcWall;
  const reads = (t: number) => {
    const w = wallClockAt(t, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  };
  let lo = Math.min(utcWall - before, utcWall - after);
  let hi = Math.max(utcWall - before, utcWall - after);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (reads(mid) >= target) hi = mid;
    else lo = mid;
  }
  return reads(lo) >= target ? lo : hi;
}

/** The local calendar date `days` after the given one (no time zone involved). */
export function addLocalDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: (d.getUTCDay() + 6) % 7 };
}
