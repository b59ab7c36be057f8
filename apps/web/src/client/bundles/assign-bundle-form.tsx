"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AssignBundleRequest, BundleDetail } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { useClusterList } from "../fleet/use-cluster-list";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

/**
 * Where a bundle should go: one cluster, or every cluster a label selector matches (now and
 * later). It becomes part of each cluster's desired state, so offline devices get it on return.
 */
export function AssignBundleForm({ bundle, onDone }: { bundle: BundleDetail; onDone: () => void }) {
  const queryClient = useQueryClient();
  const clusters = useClusterList({ selector: "", search: "" });
  const [mode, setMode] = useState<"cluster" | "selector">("cluster");
  const [clusterId, setClusterId] = useState("");
  const [selector, setSelector] = useState("");
  const assign = useMutation({
    mutationFn: (body: AssignBundleRequest) => apiFetch<BundleDetail>(`/api/v1/bundles/${encodeURIComponent(bundle.id)}/assignments`, { method: "POST", body }),
    onSuccess: (detail) => {
      queryClient.setQueryData(queryKeys.bundles.detail(bundle.id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.bundles.list() });
      onDone();
    },
  });
  const assigned = new Set(bundle.assignments.map((a) => a.clusterId));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    assign.mutate(mode === "cluster" ? { clusterId } : { selector: selector.trim() });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <fieldset className="flex gap-6 text-sm">
        <legend className="sr-only">Assign to</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" checked={mode === "cluster"} onChange={() => setMode("cluster")} /> One cluster
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="mode" checked={mode === "selector"} onChange={() => setMode("selector")} /> Clusters matching labels
        </label>
      </fieldset>
      {mode === "cluster" ? (
        <FormField id="assign-cluster" label="Cluster" hint="Offline clusters get the bundle when they reconnect.">
          <select id="assign-cluster" value={clusterId} onChange={(e) => setClusterId(e.target.value)} className={inputClasses()} required>
            <option value="">Choose a cluster…</option>
            {(clusters.data ?? []).map((c) => (
              <option key={c.id} value={c.id} disabled={assigned.has(c.id)}>
                {c.name} ({c.siteName}, {c.status}){assigned.has(c.id) ? " — assigned" : ""}
              </option>
            ))}
          </select>
        </FormField>
      ) : (
        <FormField id="assign-selector" label="Label selector" hint="Kubernetes syntax, e.g. env=prod,region in (eu,us); clusters that gain the labels later get the bundle too.">
          <input id="assign-selector" value={selector} onChange={(e) => setSelector(e.target.value)} className={`${inputClasses()} font-mono`} placeholder="env=prod" autoComplete="off" spellCheck={false} required />
        </FormField>
      )}
      <ErrorAlert error={assign.error} />
      <div className="flex justify-end gap-2 pt-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={assign.isPending || (mode === "cluster" ? !clusterId : !selector.trim())}>
          {assign.isPending ? "Assigning…" : "Assign bundle"}
        </Button>
      </div>
    </form>
  );
}
