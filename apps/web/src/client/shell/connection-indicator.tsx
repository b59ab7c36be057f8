"use client";

import { use } from "react";
import { LiveStatusContext } from "../live-status-context";

const LOOK = {
  live: { text: "Live", dot: "bg-emerald-500", title: "Receiving live updates" },
  connecting: { text: "Connecting…", dot: "bg-slate-400 animate-pulse", title: "Connecting for live updates" },
  reconnecting: { text: "Reconnecting…", dot: "bg-amber-500 animate-pulse", title: "Live updates paused; what you see may be out of date" },
} as const;

/** "Live" while the /ui socket is connected, "Reconnecting…" otherwise. */
export function ConnectionIndicator() {
  const status = use(LiveStatusContext);
  const look = LOOK[status];
  return (
    <span role="status" title={look.title} data-testid="live-status" className="inline-flex items-center gap-1.5 rounded-full bg-slate-100 px-2.5 py-1 text-xs font-medium text-slate-700">
      <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
      {look.text}
    </span>
  );
}
