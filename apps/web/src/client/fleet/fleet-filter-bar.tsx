"use client";

import { useCallback, useId, useState } from "react";
import type { FleetPage, FleetQuery, SiteView } from "@outpost/cluster-core";
import { Button } from "../ui/button";
import { describedBy } from "../ui/described-by";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { useDebouncedField } from "../use-debounced-field";

interface FleetFilterBarProps {
  query: FleetQuery;
  onChange: (patch: Partial<FleetQuery>, opts?: { push?: boolean }) => void;
  sites: SiteView[];
  versions: FleetPage["k3sVersions"];
  /** The server's message for an invalid selector (HTTP 422). */
  selectorError?: string;
}

/** Free text, site, k3s version, label selector and grouping; text applies as you type or with Enter. */
export function FleetFilterBar({ query, onChange, sites, versions, selectorError }: FleetFilterBarProps) {
  const id = useId();
  const [q, setQ, flushQ] = useDebouncedField(query.q, useCallback((v: string) => onChange({ q: v }), [onChange]));
  const [selector, setSelector, flushSelector] = useDebouncedField(query.selector, useCallback((v: string) => onChange({ selector: v }), [onChange]));
  const filtered = query.q || query.selector || query.site.length > 0 || query.k3s.length > 0 || query.status.length > 0 || query.problem;
  const set = [query.q, query.selector, query.site.length, query.k3s.length].filter(Boolean).length;
  // On a phone the fields fold away behind one button, so the clusters come first on the screen.
  const [unfolded, setUnfolded] = useState(false);
  const hint = (
    <>
      Kubernetes syntax: <code className="font-mono">env=prod,!beta</code>, <code className="font-mono">kind in (store,factory)</code>
    </>
  );
  return (
    <>
      <button
        type="button"
        aria-expanded={unfolded}
        aria-controls={`${id}-filters`}
        onClick={() => setUnfolded(!unfolded)}
        className="mb-3 inline-flex items-center gap-2 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-sm ring-1 ring-slate-300 ring-inset md:hidden"
      >
        Filters{set > 0 ? ` (${set} set)` : ""}
        <span aria-hidden="true">{unfolded ? "▴" : "▾"}</span>
      </button>
      <form
        id={`${id}-filters`}
        role="search"
        aria-label="Filter clusters"
        onSubmit={(e) => {
          e.preventDefault();
          flushQ();
          flushSelector();
        }}
        className={`mb-4 gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:grid-cols-2 md:grid lg:grid-cols-[2fr_1fr_1fr_2fr] ${unfolded ? "grid" : "hidden"}`}
      >
        <FormField id={`${id}-q`} label="Search">
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Cluster, site, label, workload or image"
            autoComplete="off"
            className={inputClasses()}
          />
        </FormField>
        <FormField id={`${id}-site`} label="Site">
          <select id={`${id}-site`} value={query.site.length === 1 ? query.site[0] : query.site.length > 1 ? "__many" : ""} onChange={(e) => onChange({ site: e.target.value ? [e.target.value] : [] }, { push: true })} className={inputClasses()}>
            <option value="">All sites</option>
            {query.site.length > 1 && <option value="__many">{query.site.length} sites</option>}
            {sites.map((s) => (
              <option key={s.id} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${id}-k3s`} label="k3s version">
          <select id={`${id}-k3s`} value={query.k3s.length === 1 ? query.k3s[0] : query.k3s.length > 1 ? "__many" : ""} onChange={(e) => onChange({ k3s: e.target.value ? [e.target.value] : [] }, { push: true })} className={inputClasses()}>
            <option value="">All versions</option>
            {query.k3s.length > 1 && <option value="__many">{query.k3s.length} versions</option>}
            {query.k3s.length === 1 && !versions.some((v) => v.version === query.k3s[0]) && <option value={query.k3s[0]}>{query.k3s[0]}</option>}
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version} ({v.count})
              </option>
            ))}
          </select>
        </FormField>
        <FormField id={`${id}-selector`} label="Label selector" error={selectorError} hint={hint}>
          <input
            id={`${id}-selector`}
            value={selector}
            onChange={(e) => setSelector(e.target.value)}
            placeholder="env=prod,tier in (a,b)"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={!!selectorError}
            aria-describedby={describedBy(`${id}-selector`, selectorError, hint)}
            className={`${inputClasses(!!selectorError)} font-mono`}
          />
        </FormField>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 sm:col-span-2 lg:col-span-4">
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={query.group === "site"} onChange={(e) => onChange({ group: e.target.checked ? "site" : "none" }, { push: true })} className="size-4 rounded border-slate-400 text-indigo-600" />
            Group by site
          </label>
          <button type="submit" className="sr-only">
            Apply filter
          </button>
          {filtered && (
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setQ("");
                setSelector("");
                onChange({ q: "", selector: "", site: [], k3s: [], status: [], problem: undefined }, { push: true });
              }}
            >
              Clear all filters
            </Button>
          )}
        </div>
      </form>
    </>
  );
}
