import { type MaintenanceWindow, WEEKDAY_NAMES, ZMaintenanceWindow } from "./rollout-schemas";

/**
 * Reads windows written one per line, days then times: `mon-fri 22:00-06:00`, `sat,sun 00:00-24:00`
 * is not allowed (use `00:00-00:00` for a whole day), `daily 01:00-05:00`. Returns the windows
 * or the first line's problem.
 */
export function parseMaintenanceWindowLines(text: string): { ok: true; windows: MaintenanceWindow[] } | { ok: false; error: string } {
  const windows: MaintenanceWindow[] = [];
  const lines = text.split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  for (const [i, line] of lines.entries()) {
    const m = /^(\S+)\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(line);
    if (!m) return { ok: false, error: `line ${i + 1}: write days then times, e.g. "mon-fri 22:00-06:00"` };
    const days = parseDays(m[1]!.toLowerCase());
    if (!days) return { ok: false, error: `line ${i + 1}: days are mon…sun, ranges like mon-fri, lists like sat,sun, or daily` };
    const parsed = ZMaintenanceWindow.safeParse({ days, start: m[2], end: m[3] });
    if (!parsed.success) return { ok: false, error: `line ${i + 1}: ${parsed.error.issues[0]?.message ?? "invalid window"}` };
    windows.push(parsed.data);
  }
  return { ok: true, windows };
}

/** The same windows as lines, for editing. */
export function formatMaintenanceWindows(windows: readonly MaintenanceWindow[]): string {
  return windows.map((w) => `${formatDays(w.days)} ${w.start}-${w.end}`).join("\n");
}

function parseDays(text: string): MaintenanceWindow["days"] | null {
  if (text === "daily") return [...WEEKDAY_NAMES];
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [a, b] = part.split("-");
    const from = WEEKDAY_NAMES.indexOf(a as (typeof WEEKDAY_NAMES)[number]);
    const to = b === undefined ? from : WEEKDAY_NAMES.indexOf(b as (typeof WEEKDAY_NAMES)[number]);
    if (from < 0 || to < 0) return null;
    for (let d = from; ; d = (d + 1) % 7) {
      out.add(d);
      if (d === to) break;
    }
  }
  return [...out].sort().map((d) => WEEKDAY_NAMES[d]!);
}

function formatDays(days: readonly string[]): string {
  const idx = [...new Set(days.map((d) => WEEKDAY_NAMES.indexOf(d as (typeof WEEKDAY_NAMES)[number])))].sort();
  if (idx.length === 7) return "daily";
  const runs: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${WEEKDAY_NAMES[idx[i]!]}-${WEEKDAY_NAMES[idx[j]!]}` : idx.slice(i, j + 1).map((d) => WEEKDAY_NAMES[d]!).join(","));
    i = j + 1;
  }
  return runs.join(",");
}
