"use client";

import { useEffect, useRef, useState } from "react";
import type { ClusterListFilter } from "../query-keys";
import { Button } from "../ui/button";
import { describedBy } from "../ui/described-by";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

const DEBOUNCE_MS = 400;

interface FleetFilterBarProps {
  filter: ClusterListFilter;
  onChange: (next: ClusterListFilter) => void;
  /** The server's message for an invalid selector (HTTP 422). */
  selectorError?: string;
}

/** Label selector and search inputs; applied as you type (debounced) or at once with Enter. */
export function FleetFilterBar({ filter, onChange, selectorError }: FleetFilterBarProps) {
  const [selector, setSelector] = useState(filter.selector);
  const [search, setSearch] = useState(filter.search);
  const committed = useRef(filter);

  // Follow the URL when it changes from outside (back button, a link), not from our own typing.
  useEffect(() => {
    if (filter.selector !== committed.current.selector.trim() || filter.search !== committed.current.search.trim()) {
      setSelector(filter.selector);
      setSearch(filter.search);
    }
    committed.current = filter;
  }, [filter]);

  useEffect(() => {
    const next = { selector, search };
    if (next.selector.trim() === filter.selector && next.search.trim() === filter.search) return;
    const t = setTimeout(() => {
      committed.current = next;
      onChange(next);
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [selector, search, filter, onChange]);

  const hint = (
    <>
      Kubernetes syntax, e.g. <code className="font-mono">env=prod,!beta</code> or <code className="font-mono">tier!=edge</code>
    </>
  );

  return (
    <form
      role="search"
      aria-label="Filter clusters"
      onSubmit={(e) => {
        e.preventDefault();
        committed.current = { selector, search };
        onChange({ selector, search });
      }}
      className="mb-6 grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm md:grid-cols-[2fr_1fr_auto] md:items-start"
    >
      <FormField id="fleet-selector" label="Label selector" error={selectorError} hint={hint}>
        <input
          id="fleet-selector"
          value={selector}
          onChange={(e) => setSelector(e.target.value)}
          placeholder="env=prod,!beta"
          spellCheck={false}
          autoComplete="off"
          aria-invalid={!!selectorError}
          aria-describedby={describedBy("fleet-selector", selectorError, hint)}
          className={`${inputClasses(!!selectorError)} font-mono`}
        />
      </FormField>
      <FormField id="fleet-search" label="Search">
        <input id="fleet-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Cluster or site name" autoComplete="off" className={inputClasses()} />
      </FormField>
      <div className="flex gap-2 md:pt-6">
        <Button type="submit">Apply</Button>
        {(selector || search) && (
          <Button
            variant="ghost"
            onClick={() => {
              setSelector("");
              setSearch("");
              committed.current = { selector: "", search: "" };
              onChange({ selector: "", search: "" });
            }}
          >
            Clear
          </Button>
        )}
      </div>
    </form>
  );
}
