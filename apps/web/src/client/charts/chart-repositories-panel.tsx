"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ChartRepositoryView, ZAddChartRepositoryRequest } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { LoadingRows } from "../ui/loading-rows";
import { useChartRepositories } from "./use-charts";

/** Helm repositories: add one by URL, refresh its index, import a listed version for rollouts. */
export function ChartRepositoriesPanel({ canOperate }: { canOperate: boolean }) {
  const repos = useChartRepositories();
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<string | null>(null);
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: queryKeys.charts.all() });
  const add = useMutation({ mutationFn: (body: unknown) => apiFetch<ChartRepositoryView>("/api/v1/chart-repositories", { method: "POST", body }), onSuccess: invalidate });
  const refresh = useMutation({ mutationFn: (id: string) => apiFetch(`/api/v1/chart-repositories/${id}/refresh`, { method: "POST" }), onSuccess: invalidate });
  const importChart = useMutation({
    mutationFn: ({ id, name, version }: { id: string; name: string; version: string }) => apiFetch(`/api/v1/chart-repositories/${id}/import`, { method: "POST", body: { name, version } }),
    onSuccess: invalidate,
  });

  function onAdd(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = ZAddChartRepositoryRequest.safeParse({ name: String(form.get("name") ?? "").trim(), url: String(form.get("url") ?? "").trim() });
    setProblem(parsed.success ? null : (parsed.error.issues[0]?.message ?? "invalid"));
    if (parsed.success) add.mutate(parsed.data, { onSuccess: () => (e.target as HTMLFormElement).reset() });
  }

  return (
    <div className="space-y-4">
      {canOperate && (
        <form onSubmit={onAdd} noValidate className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <div className="w-48">
            <FormField id="repo-name" label="Repository name">
              <input id="repo-name" name="name" className={inputClasses()} placeholder="internal" autoComplete="off" />
            </FormField>
          </div>
          <div className="min-w-64 flex-1">
            <FormField id="repo-url" label="URL (its index.yaml is read)">
              <input id="repo-url" name="url" className={inputClasses()} placeholder="https://charts.example.com" autoComplete="off" />
            </FormField>
          </div>
          <Button type="submit" variant="primary" disabled={add.isPending}>
            {add.isPending ? "Reading index…" : "Add repository"}
          </Button>
          {(problem || add.error) && <ErrorAlert className="w-full" error={problem ?? add.error} />}
        </form>
      )}
      <ErrorAlert error={refresh.error ?? importChart.error} />
      {repos.isPending ? (
        <LoadingRows label="Loading repositories…" />
      ) : repos.isError ? (
        <ErrorAlert error={repos.error} />
      ) : repos.data.length === 0 ? (
        <EmptyState title="No Helm repositories">Add a repository by URL to roll out its charts; clusters then fetch charts from it themselves.</EmptyState>
      ) : (
        repos.data.map((r) => (
          <section key={r.id} aria-label={`Repository ${r.name}`} className="rounded-lg border border-slate-200 bg-white">
            <header className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
              <div>
                <span className="font-medium">{r.name}</span> <span className="font-mono text-xs text-slate-500">{r.url}</span>
              </div>
              {canOperate && (
                <Button size="sm" onClick={() => refresh.mutate(r.id)} disabled={refresh.isPending}>
                  Refresh
                </Button>
              )}
            </header>
            <ul className="divide-y divide-slate-100">
              {r.entries.map((e) => (
                <li key={`${e.name}@${e.version}`} className="flex items-center justify-between px-4 py-2 text-sm">
                  <span>
                    {e.name} <span className="font-mono text-xs">{e.version}</span> <span className="text-xs text-slate-500">{e.description}</span>
                  </span>
                  {canOperate && (
                    <Button size="sm" onClick={() => importChart.mutate({ id: r.id, name: e.name, version: e.version })} aria-label={`Import ${e.name} ${e.version}`}>
                      Import
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
