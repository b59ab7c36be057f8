"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DeviceView, JobView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Operators' actions on a device: provision again, change its login, forget its host key, delete it. */
export function useDeviceActions(id: string) {
  const queryClient = useQueryClient();
  const base = `/api/v1/devices/${encodeURIComponent(id)}`;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.devices.all() });
  const setDevice = (device: DeviceView) => {
    queryClient.setQueryData(queryKeys.devices.detail(id), device);
    refresh();
  };
  return {
    provision: useMutation({ mutationFn: () => apiFetch<JobView>(`${base}/provision`, { method: "POST" }), onSuccess: refresh }),
    update: useMutation({ mutationFn: (body: unknown) => apiFetch<DeviceView>(base, { method: "PATCH", body }), onSuccess: setDevice }),
    forgetHostKey: useMutation({ mutationFn: () => apiFetch<DeviceView>(`${base}/host-key`, { method: "DELETE" }), onSuccess: setDevice }),
    remove: useMutation({ mutationFn: () => apiFetch<{ ok: true }>(base, { method: "DELETE" }), onSuccess: refresh }),
  };
}
