import { useQuery } from "@tanstack/react-query";
import type { DeviceView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Devices (all, or those of one cluster), each with its newest job. */
export function useDevices(clusterId?: string) {
  return useQuery({
    queryKey: queryKeys.devices.list(clusterId),
    queryFn: ({ signal }) => apiFetch<DeviceView[]>(`/api/v1/devices${clusterId ? `?clusterId=${encodeURIComponent(clusterId)}` : ""}`, { signal }),
  });
}
