import { useQuery } from "@tanstack/react-query";
import type { DeviceView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

export function useDevice(id: string, initialData: DeviceView) {
  return useQuery({
    queryKey: queryKeys.devices.detail(id),
    queryFn: ({ signal }) => apiFetch<DeviceView>(`/api/v1/devices/${encodeURIComponent(id)}`, { signal }),
    initialData,
  });
}
