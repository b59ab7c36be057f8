"use client";

import { useCallback } from "react";
import { useSearchParams } from "next/navigation";
import { WorkloadHitList } from "@/src/client/search/workload-hit-list";
import { useWorkloadSearch } from "@/src/client/search/use-workload-search";
import { useDebouncedField } from "@/src/client/use-debounced-field";
import { EmptyState } from "@/src/client/ui/empty-state";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { FormField } from "@/src/client/ui/form-field";
import { inputClasses } from "@/src/client/ui/input-classes";
import { LoadingRows } from "@/src/client/ui/loading-rows";
import { PageHeader } from "@/src/client/ui/page-header";
import { Pagination } from "@/src/client/ui/pagination";

const FIELDS = [
  { value: "any", label: "Names and images" },
  { value: "name", label: "Workload names" },
  { value: "image", label: "Images" },
];

/** "Where does pos-api run?", "which sites still run pos-api:1.4?": every cluster's workloads, searched at once; the search lives in the URL. */
export function SearchClient() {
  const params = useSearchParams();
  const q = params.get("q") ?? "";
  const field = FIELDS.some((f) => f.value === params.get("field")) ? params.get("field")! : "any";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const go = useCallback(
    (next: { q?: string; field?: string; page?: number }, push = false) => {
      const merged = { q, field, page: 1, ...next };
      const qs = new URLSearchParams({ ...(merged.q ? { q: merged.q } : {}), ...(merged.field !== "any" ? { field: merged.field } : {}), ...(merged.page > 1 ? { page: String(merged.page) } : {}) }).toString();
      const url = `/search${qs ? `?${qs}` : ""}`;
      if (push) window.history.pushState(null, "", url);
      else window.history.replaceState(null, "", url);
    },
    [q, field],
  );
  const [text, setText, flush] = useDebouncedField(q, useCallback((v: string) => go({ q: v }), [go]));
  const results = useWorkloadSearch(q, field, page);

  return (
    <>
      <PageHeader title="Search the fleet" description="Workloads and container images on every cluster, from what each agent last reported." />
      <form
        role="search"
        aria-label="Search workloads and images"
        onSubmit={(e) => {
          e.preventDefault();
          flush();
        }}
        className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-[2fr_1fr]"
      >
        <FormField id="search-q" label="Workload or image">
          <input id="search-q" type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="pos-api, or registry.local/pos/pos-api:1.4" autoComplete="off" spellCheck={false} className={`${inputClasses()} font-mono`} />
        </FormField>
        <FormField id="search-field" label="Look in">
          <select id="search-field" value={field} onChange={(e) => go({ field: e.target.value }, true)} className={inputClasses()}>
            {FIELDS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </FormField>
      </form>

      {q.trim().length < 2 ? (
        <EmptyState title="Search every cluster at once">Type a workload name (e.g. pos-api) or part of an image (e.g. pos-api:1.4) to see where it runs.</EmptyState>
      ) : results.isPending ? (
        <LoadingRows label="Searching…" />
      ) : results.isError ? (
        <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      ) : results.data.total === 0 ? (
        <EmptyState title="Nothing found">No workload or image on any cluster matches <code className="font-mono">{q}</code>.</EmptyState>
      ) : (
        <div className={results.isPlaceholderData ? "opacity-60" : ""} aria-busy={results.isPlaceholderData}>
          <p className="mb-3 text-sm text-slate-700" data-testid="search-summary">
            {results.data.total} {results.data.total === 1 ? "workload" : "workloads"} on {results.data.clusters} {results.data.clusters === 1 ? "cluster" : "clusters"} at {results.data.sites}{" "}
            {results.data.sites === 1 ? "site" : "sites"}
          </p>
          {results.data.images.length > 0 && (
            <details open className="mb-4 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
              <summary className="cursor-pointer text-sm font-semibold text-slate-900">Images ({results.data.images.length})</summary>
              <ul className="mt-2 space-y-1" aria-label="Images and how many clusters run them">
                {results.data.images.map((i) => (
                  <li key={i.image} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                    <button type="button" onClick={() => go({ q: i.image, field: "image" }, true)} className="font-mono text-xs [overflow-wrap:anywhere] text-indigo-700 hover:underline" title="Only this image">
                      {i.image}
                    </button>
                    <span className="text-slate-700 tabular-nums">
                      {i.clusters} {i.clusters === 1 ? "cluster" : "clusters"}
                    </span>
                  </li>
                ))}
              </ul>
            </details>
          )}
          <WorkloadHitList hits={results.data.items} />
          <Pagination page={results.data.page} pageSize={results.data.pageSize} total={results.data.total} noun="workloads" onPage={(p) => go({ page: p }, true)} />
        </div>
      )}
    </>
  );
}
