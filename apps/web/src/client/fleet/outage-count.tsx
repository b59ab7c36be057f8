/** "3 outages in 24 h" (red when any), or a quiet dash. */
export function OutageCount({ count }: { count: number }) {
  if (count === 0) return <span className="text-slate-500">none</span>;
  return (
    <span className="font-medium whitespace-nowrap text-red-700" title="Times the cluster went offline in the last 24 hours">
      {count} {count === 1 ? "outage" : "outages"} in 24 h
    </span>
  );
}
