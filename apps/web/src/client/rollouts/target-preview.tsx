"use client";

import { useQuery } from "@tanstack/react-query";
import type { RolloutPreview, RolloutStrategyInput } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Badge } from "../ui/badge";
import { ErrorAlert } from "../ui/error-alert";
import { useDebounced } from "./use-debounced";

/** Live preview of a rollout's target: which clusters the selector matches now and the waves they make. */
export function TargetPreview({ selector, strategy }: { selector: string; strategy: RolloutStrategyInput }) {
  const input = useDebounced({ selector, strategy }, 350);
  const preview = useQuery({
    queryKey: queryKeys.rollouts.preview(input.selector, input.strategy),
    queryFn: ({ signal }) => apiFetch<RolloutPreview>("/api/v1/rollouts/preview", { method: "POST", body: input, signal }),
    placeholderData: (previous) => previous,
  });
  if (preview.isError) return <ErrorAlert error={preview.error} />;
  if (!preview.data) return <p className="text-sm text-slate-500">Matching clusters…</p>;
  const { clusters, waves, problem } = preview.data;
  const names = new Map(clusters.map((c) => [c.id, c.name]));
  return (
    <div aria-live="polite" data-testid="target-preview" className="space-y-2 rounded-md bg-slate-50 p-3 text-sm">
      <p className="font-medium text-slate-800">
        {clusters.length} cluster{clusters.length === 1 ? "" : "s"} match
        {waves.length > 0 && <span className="font-normal text-slate-600"> · {waves.map((w, i) => `${w.kind === "canary" ? "canary" : `wave ${waves[0]?.kind === "canary" ? i : i + 1}`}: ${w.clusterIds.length}`).join(" · ")}</span>}
      </p>
      {problem && <p className="text-amber-800">{problem}</p>}
      {waves[0]?.kind === "canary" && <p className="text-slate-600">Canary: {waves[0].clusterIds.map((id) => names.get(id)).join(", ")}</p>}
      <ul className="flex flex-wrap gap-1.5">
        {clusters.slice(0, 40).map((c) => (
          <li key={c.id}>
            <Badge tone={c.paused ? "violet" : c.status === "online" || c.status === "degraded" ? "green" : "grey"} title={`${c.siteName} · ${c.status}${c.paused ? " · paused" : ""}`}>
              {c.name}
            </Badge>
          </li>
        ))}
        {clusters.length > 40 && <li className="text-xs text-slate-500">and {clusters.length - 40} more</li>}
      </ul>
    </div>
  );
}
