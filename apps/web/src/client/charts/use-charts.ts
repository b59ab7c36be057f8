import { useQuery } from "@tanstack/react-query";
import type { ChartDetail, ChartRepositoryView, ChartView, RolloutSummary } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";

/** Chart versions available for rollouts. */
export function useCharts() {
  return useQuery({ queryKey: queryKeys.charts.list(), queryFn: ({ signal }) => apiFetch<ChartView[]>("/api/v1/charts", { signal }) });
}

/** One chart version with its default values and its rollouts. */
export function useChart(id: string | null) {
  return useQuery({
    queryKey: queryKeys.charts.detail(id ?? ""),
    queryFn: ({ signal }) => apiFetch<ChartDetail & { rollouts: RolloutSummary[] }>(`/api/v1/charts/${encodeURIComponent(id ?? "")}`, { signal }),
    enabled: id !== null && id !== "",
  });
}

/** Helm repositories and the versions their index lists. */
export function useChartRepositories() {
  return useQuery({ queryKey: queryKeys.charts.repositories(), queryFn: ({ signal }) => apiFetch<ChartRepositoryView[]>("/api/v1/chart-repositories", { signal }) });
}
