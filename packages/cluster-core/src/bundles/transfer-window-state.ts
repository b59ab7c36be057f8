export interface TransferWindowState {
  open: boolean;
  /** Milliseconds until it next opens (when closed) or closes (when open), to the minute. */
  changesInMs: number;
}

const MINUTE = 60_000;

/**
 * Whether a daily window such as "22:00-06:00" is open at `now` in `timeZone`. The time until the
 * next change is counted in wall-clock minutes, so across a DST change it may be an hour off;
 * callers check again when it has passed.
 */
export function transferWindowState(window: string, timeZone: string, now: Date): TransferWindowState {
  const start = minutesOf(window.slice(0, 5));
  const end = minutesOf(window.slice(6));
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const minute = get("hour") * 60 + get("minute");
  const intoMinuteMs = get("second") * 1000 + now.getMilliseconds();
  const open = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  const next = open ? end : start;
  const minutesAway = (next - minute + 1440) % 1440 || 1440;
  return { open, changesInMs: minutesAway * MINUTE - intoMinuteMs };
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
