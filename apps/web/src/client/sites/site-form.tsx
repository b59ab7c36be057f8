"use client";

import { useMemo, useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZCreateSiteRequest, type SiteView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { ApiError } from "../api-error";
import { fieldErrors } from "../field-errors";
import { formatLabelLines } from "../format-label-lines";
import { parseLabelLines } from "../parse-label-lines";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { browserTimeZone } from "./browser-time-zone";
import { timeZoneNames } from "./time-zone-names";

interface SiteFormProps {
  /** The site to edit; a new site when absent. */
  site?: SiteView;
  onDone: () => void;
}

/** Name, time zone, location and labels of a site, checked with the server's schema before sending. */
export function SiteForm({ site, onDone }: SiteFormProps) {
  const queryClient = useQueryClient();
  const zones = useMemo(timeZoneNames, []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: unknown) =>
      site ? apiFetch<SiteView>(`/api/v1/sites/${encodeURIComponent(site.id)}`, { method: "PATCH", body }) : apiFetch<SiteView>("/api/v1/sites", { method: "POST", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.sites.all() });
      // Cluster rows show their site's name.
      void queryClient.invalidateQueries({ queryKey: queryKeys.clusters.all() });
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues));
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const labels = parseLabelLines(String(form.get("labels") ?? ""));
    const cap = String(form.get("bandwidthCapBytesPerSec") ?? "").trim();
    const window = String(form.get("transferWindow") ?? "").trim();
    const parsed = ZCreateSiteRequest.safeParse({
      name: String(form.get("name") ?? "").trim(),
      timeZone: String(form.get("timeZone") ?? "").trim(),
      location: String(form.get("location") ?? "").trim(),
      labels: labels.ok ? labels.labels : {},
      // MB/s as people write it (1 MB = 1,000,000 bytes); empty means no cap.
      bandwidthCapBytesPerSec: cap === "" ? null : Math.round(Number(cap) * 1_000_000),
      transferWindow: window === "" ? null : window,
    });
    const errs = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (cap !== "" && !(Number(cap) > 0)) errs.bandwidthCapBytesPerSec = "a number of MB/s, e.g. 2.5";
    if (!labels.ok) errs.labels = labels.error;
    setErrors(errs);
    if (parsed.success && labels.ok) save.mutate(parsed.data);
  }

  const field = (id: string, name: string) => ({
    id,
    name,
    "aria-invalid": !!errors[name],
    "aria-describedby": describedBy(id, errors[name], true),
    className: `${inputClasses(!!errors[name])}${name === "labels" ? " font-mono" : ""}`,
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="site-name" label="Name" error={errors.name} hint="Lower-case letters, digits and '-', e.g. berlin-store-12">
        <input {...field("site-name", "name")} defaultValue={site?.name} autoComplete="off" spellCheck={false} autoFocus />
      </FormField>
      <FormField id="site-time-zone" label="Time zone" error={errors.timeZone} hint="IANA name; maintenance windows use it">
        <input {...field("site-time-zone", "timeZone")} defaultValue={site?.timeZone ?? browserTimeZone()} list="site-time-zones" autoComplete="off" spellCheck={false} />
      </FormField>
      <datalist id="site-time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <FormField id="site-location" label="Location" error={errors.location} hint="Free text, e.g. an address or 'Train 4711, car 3'">
        <input {...field("site-location", "location")} defaultValue={site?.location} autoComplete="off" />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="site-bandwidth-cap" label="Bundle bandwidth cap (MB/s)" error={errors.bandwidthCapBytesPerSec} hint="Shared by the site's clusters; empty: no cap">
          <input {...field("site-bandwidth-cap", "bandwidthCapBytesPerSec")} defaultValue={site?.bandwidthCapBytesPerSec ? String(site.bandwidthCapBytesPerSec / 1_000_000) : ""} inputMode="decimal" autoComplete="off" placeholder="e.g. 2.5" />
        </FormField>
        <FormField id="site-transfer-window" label="Transfer window" error={errors.transferWindow} hint="Site time, e.g. 22:00-06:00; empty: any time">
          <input {...field("site-transfer-window", "transferWindow")} defaultValue={site?.transferWindow ?? ""} autoComplete="off" spellCheck={false} placeholder="22:00-06:00" />
        </FormField>
      </div>
      <FormField id="site-labels" label="Labels" error={errors.labels} hint="One key=value per line">
        <textarea {...field("site-labels", "labels")} rows={3} defaultValue={site ? formatLabelLines(site.labels) : ""} spellCheck={false} placeholder="region=eu-west" />
      </FormField>
      <ErrorAlert error={save.error} />
      <div className="flex justify-end gap-2 pt-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : site ? "Save site" : "Create site"}
        </Button>
      </div>
    </form>
  );
}
