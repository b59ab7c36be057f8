/** Shared looks of the data tables, so every list reads the same. */
export const tableClasses = {
  // relative: screen-reader-only text in cells is positioned absolutely; without it, it escapes
  // the scrolling box and widens the whole page on a phone.
  wrapper: "relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm",
  table: "min-w-full divide-y divide-slate-200 text-sm",
  head: "bg-slate-50",
  th: "px-4 py-2.5 text-left text-xs font-semibold tracking-wide text-slate-500 uppercase whitespace-nowrap",
  body: "divide-y divide-slate-100",
  td: "px-4 py-3 align-middle text-slate-700",
} as const;
