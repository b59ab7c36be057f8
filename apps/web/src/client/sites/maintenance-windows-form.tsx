"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { formatMaintenanceWindows, type MaintenanceWindow, parseMaintenanceWindowLines, type SiteView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

/** A site's maintenance windows, one per line in the site's time zone; empty = rollouts any time. */
export function MaintenanceWindowsForm({ site, onDone }: { site: SiteView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: queryKeys.rollouts.siteWindows(site.id),
    queryFn: ({ signal }) => apiFetch<{ windows: MaintenanceWindow[] }>(`/api/v1/sites/${site.id}/maintenance-windows`, { signal }),
  });
  const [text, setText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (windows: MaintenanceWindow[]) => apiFetch(`/api/v1/sites/${site.id}/maintenance-windows`, { method: "PUT", body: { windows } }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.rollouts.all() });
      onDone();
    },
  });
  const shown = text ?? (current.data ? formatMaintenanceWindows(current.data.windows) : "");
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseMaintenanceWindowLines(shown);
        setProblem(parsed.ok ? null : parsed.error);
        if (parsed.ok) save.mutate(parsed.windows);
      }}
    >
      <FormField id="site-windows" label={`Windows (${site.timeZone})`} error={problem ?? undefined} hint="One per line: days then local times, e.g. mon-fri 22:00-06:00 or daily 01:00-05:00. Empty: any time.">
        <textarea id="site-windows" rows={5} value={shown} onChange={(e) => setText(e.target.value)} spellCheck={false} className={`${inputClasses(!!problem)} font-mono`} placeholder="mon-fri 22:00-06:00" />
      </FormField>
      <ErrorAlert error={save.error ?? current.error} />
      <FormActions onCancel={onDone} pending={save.isPending} label="Save windows" pendingLabel="Saving…" />
    </form>
  );
}
