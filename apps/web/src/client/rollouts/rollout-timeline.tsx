import type { RolloutEventView } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";

const DOT: Record<string, string> = { failed: "bg-red-500", halted: "bg-red-500", healthy: "bg-emerald-500", completed: "bg-emerald-600", "wave-started": "bg-indigo-500", dispatched: "bg-sky-500" };

/** What happened, newest first. */
export function RolloutTimeline({ events }: { events: RolloutEventView[] }) {
  return (
    <ol aria-label="Timeline" className="space-y-2">
      {events.map((e, i) => (
        <li key={`${e.at}-${i}`} className="flex gap-3 text-sm">
          <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${DOT[e.type] ?? "bg-slate-400"}`} />
          <div className="min-w-0">
            <p className="break-words text-slate-800">{e.message}</p>
            <p className="text-xs text-slate-500">
              {formatDateTime(e.at)} · {e.type}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
