import { useQuery } from "@tanstack/react-query";
import type { AlertChannelView, AlertRuleView, AlertView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Alerts firing now, or also those resolved in the last 7 days. */
export function useAlerts(state: "firing" | "recent") {
  return useQuery({ queryKey: queryKeys.alerts.list(state), queryFn: ({ signal }) => apiFetch<AlertView[]>(`/api/v1/alerts?state=${state}`, { signal }) });
}

export function useAlertRules() {
  return useQuery({ queryKey: queryKeys.alerts.rules(), queryFn: ({ signal }) => apiFetch<AlertRuleView[]>("/api/v1/alert-rules", { signal }) });
}

export function useAlertChannels() {
  return useQuery({ queryKey: queryKeys.alerts.channels(), queryFn: ({ signal }) => apiFetch<AlertChannelView[]>("/api/v1/alert-channels", { signal }) });
}
