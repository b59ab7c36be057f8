import type { ClusterHistoryView, ClusterStatus } from "@outpost/cluster-core";
import { formatDateTime } from "../format-date-time";

const COLOUR: Record<ClusterStatus, string> = { online: "bg-emerald-500", degraded: "bg-amber-400", offline: "bg-red-600", pending: "bg-slate-300" };
const WORD: Record<ClusterStatus, string> = { online: "online", degraded: "degraded", offline: "offline", pending: "waiting for agent" };

/**
 * The window as one bar, coloured by status (the list below it says the same in words, so the
 * bar is hidden from screen readers). A legend names the colours.
 */
export function StatusTimelineBar({ history }: { history: ClusterHistoryView }) {
  const start = Date.parse(history.since);
  const end = Date.parse(history.segments.at(-1)?.to ?? history.since);
  const span = Math.max(1, end - start);
  return (
    <figure className="mb-4">
      <div aria-hidden="true" className="flex h-4 w-full overflow-hidden rounded bg-slate-100 ring-1 ring-slate-200">
        {history.segments.map((s) => (
          <div
            key={s.from}
            title={`${WORD[s.status]}: ${formatDateTime(s.from)} – ${formatDateTime(s.to)}`}
            className={COLOUR[s.status]}
            style={{ width: `${((Date.parse(s.to) - Date.parse(s.from)) / span) * 100}%`, minWidth: s.status === "offline" ? 2 : undefined }}
          />
        ))}
      </div>
      <figcaption className="mt-1 flex flex-wrap justify-between gap-2 text-xs text-slate-600">
        <span>{formatDateTime(history.since)}</span>
        <span className="flex flex-wrap gap-3">
          {(["online", "degraded", "offline"] as const).map((s) => (
            <span key={s} className="inline-flex items-center gap-1">
              <span aria-hidden="true" className={`size-2.5 rounded-sm ${COLOUR[s]}`} />
              {WORD[s]}
            </span>
          ))}
        </span>
        <span>now</span>
      </figcaption>
    </figure>
  );
}
