import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fleetQueryToParams, type FleetPage, type FleetQuery } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/**
 * One page of the fleet list. The server page's own answer seeds the first render (no spinner
 * after navigation); while a new filter loads, the previous page stays visible.
 */
export function useFleetPage(query: FleetQuery, initial?: { query: FleetQuery; page: FleetPage }) {
  const seeded = initial && fleetQueryToParams(initial.query).toString() === fleetQueryToParams(query).toString() ? initial.page : undefined;
  return useQuery({
    queryKey: queryKeys.fleet.page(query),
    queryFn: ({ signal }) => {
      const qs = fleetQueryToParams(query).toString();
      return apiFetch<FleetPage>(`/api/v1/fleet${qs ? `?${qs}` : ""}`, { signal });
    },
    initialData: seeded,
    placeholderData: keepPreviousData,
  });
}
