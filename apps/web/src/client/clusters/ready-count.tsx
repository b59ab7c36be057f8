interface ReadyCountProps {
  ready: number;
  total: number;
  /** e.g. "nodes ready", "workloads healthy": for the tooltip. */
  noun: string;
  /** The cluster is not online: the numbers are the last report, not the present. */
  stale: boolean;
}

/**
 * "2/3" for ready of total. Offline clusters show the last known numbers greyed and say so,
 * so that a cluster nobody can see never looks healthy.
 */
export function ReadyCount({ ready, total, noun, stale }: ReadyCountProps) {
  if (stale) {
    return (
      <span className="text-slate-600" title={`Last known: ${ready} of ${total} ${noun}`}>
        <span className="tabular-nums">
          {ready}/{total}
        </span>
        <span className="block text-xs leading-4">last known</span>
      </span>
    );
  }
  const tone = total === 0 ? "text-slate-500" : ready < total ? "font-medium text-amber-700" : "text-slate-900";
  return (
    <span className={`tabular-nums ${tone}`} title={`${ready} of ${total} ${noun}`}>
      {ready}/{total}
    </span>
  );
}
