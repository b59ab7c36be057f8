import { WEEKDAY_NAMES } from "../rollouts/rollout-schemas";
import { nextMaintenanceWindowOpening } from "../rollouts/maintenance-window";

/**
 * How long until a site's daily transfer window ("22:00-06:00", on the site's wall clock) is
 * open: 0 while it is. The same clock arithmetic as rollout maintenance windows (DST included).
 */
export function transferWindowWait(window: string, timeZone: string, now: number): number {
  const daily = { days: [...WEEKDAY_NAMES], start: window.slice(0, 5), end: window.slice(6) };
  const opens = nextMaintenanceWindowOpening([daily], timeZone, now);
  return opens === null ? 24 * 3600_000 : opens - now;
}
