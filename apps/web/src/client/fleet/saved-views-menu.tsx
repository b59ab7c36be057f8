"use client";

import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ErrorAlert } from "../ui/error-alert";
import { SaveViewDialog } from "./save-view-dialog";
import { useSavedViews } from "./use-saved-views";

/** Pick a saved view, save the current one, or delete the one shown. `current` is the list's URL query without the page. */
export function SavedViewsMenu({ current, onOpen }: { current: string; onOpen: (query: string) => void }) {
  const views = useSavedViews();
  const queryClient = useQueryClient();
  const [saving, setSaving] = useState(false);
  const shown = views.data?.find((v) => v.query === current);
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/v1/saved-views/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.savedViews.list() }),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="sr-only" htmlFor="saved-views">
        Saved views
      </label>
      <select
        id="saved-views"
        value={shown?.id ?? ""}
        onChange={(e) => {
          const view = views.data?.find((v) => v.id === e.target.value);
          if (view) onOpen(view.query);
        }}
        className="rounded-md border-0 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-sm ring-1 ring-slate-300 ring-inset"
      >
        <option value="">{views.data?.length ? "Saved views…" : "No saved views"}</option>
        {views.data?.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      <Button size="sm" onClick={() => setSaving(true)}>
        Save view
      </Button>
      {shown && (
        <Button size="sm" variant="ghost" onClick={() => remove.mutate(shown.id)} disabled={remove.isPending} aria-label={`Delete saved view ${shown.name}`}>
          Delete view
        </Button>
      )}
      <ErrorAlert error={remove.error ?? views.error} />
      <SaveViewDialog open={saving} onClose={() => setSaving(false)} query={current} />
    </div>
  );
}
