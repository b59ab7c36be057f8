import { useCallback, useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { ZFleetQuery, fleetQueryInput, fleetQueryToParams, type FleetQuery } from "@outpost/cluster-core";

export interface FleetQueryState {
  query: FleetQuery;
  /** Set when the address holds a filter that cannot be read (e.g. an unknown status). */
  invalid: string | null;
  /**
   * Changes the query in the address bar. Filter changes go back to page 1. `push` adds a
   * history entry (sorting, paging, counters) so Back undoes it; typing replaces the entry.
   */
  update: (patch: Partial<FleetQuery>, opts?: { push?: boolean }) => void;
}

/** The fleet list's whole state lives in the URL, so any view can be shared, bookmarked or saved. */
export function useFleetQuery(): FleetQueryState {
  const params = useSearchParams();
  const text = params.toString();
  const parsed = useMemo(() => ZFleetQuery.safeParse(fleetQueryInput(new URLSearchParams(text))), [text]);
  const query = useMemo(() => (parsed.success ? parsed.data : ZFleetQuery.parse({})), [parsed]);

  const update = useCallback(
    (patch: Partial<FleetQuery>, opts: { push?: boolean } = {}) => {
      const resetsPage = Object.keys(patch).some((k) => k !== "page" && k !== "sort" && k !== "dir");
      // Read the address as it is now, not as of the last render: a change pushed a moment ago
      // (a sort, a page) may not have reached useSearchParams yet when a debounced field commits.
      const live = ZFleetQuery.safeParse(fleetQueryInput(new URLSearchParams(window.location.search)));
      const next = { ...(live.success ? live.data : query), ...(resetsPage ? { page: 1 } : {}), ...patch };
      const qs = fleetQueryToParams(next).toString();
      const url = `${window.location.pathname}${qs ? `?${qs}` : ""}`;
      // Next.js keeps useSearchParams in step with the History API, without a server round trip.
      if (opts.push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [query],
  );

  const invalid = parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  return { query, invalid, update };
}
