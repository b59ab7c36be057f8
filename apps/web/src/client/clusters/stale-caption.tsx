import { RelativeTime } from "../ui/relative-time";

/** "Last known state, reported 3 h ago" above a table of an offline cluster. */
export function StaleCaption({ snapshotAt }: { snapshotAt: string | null }) {
  return (
    <p className="mb-2 text-xs text-slate-500">
      Last known state{snapshotAt ? (
        <>
          , reported <RelativeTime iso={snapshotAt} />
        </>
      ) : null}
      . The cluster is not reporting, so this may no longer be true.
    </p>
  );
}
