"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZCreateRegistrationTokenRequest, type RegistrationTokenCreated, type SiteView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { ApiError } from "../api-error";
import { fieldErrors } from "../field-errors";
import { parseLabelLines } from "../parse-label-lines";
import { queryKeys } from "../query-keys";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { ValidForSelect, type ValidForChoice } from "../ui/valid-for-select";
import { FormActions } from "../ui/form-actions";

const TTL_CHOICES: ValidForChoice[] = [
  { minutes: 60, label: "1 hour" },
  { minutes: 24 * 60, label: "24 hours" },
  { minutes: 7 * 24 * 60, label: "7 days" },
];

interface AddClusterFormProps {
  sites: SiteView[];
  onCreated: (created: RegistrationTokenCreated, clusterName: string) => void;
  onCancel: () => void;
}

/** Site, name, labels and token lifetime of a cluster to add; checked with the server's schema first. */
export function AddClusterForm({ sites, onCreated, onCancel }: AddClusterFormProps) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch<RegistrationTokenCreated>("/api/v1/registration-tokens", { method: "POST", body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.clusters.pending() }),
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues));
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const labels = parseLabelLines(String(form.get("labels") ?? ""));
    const body = {
      siteId: String(form.get("siteId") ?? ""),
      clusterName: String(form.get("clusterName") ?? "").trim(),
      labels: labels.ok ? labels.labels : {},
      ttlMinutes: Number(form.get("ttlMinutes")),
    };
    const parsed = ZCreateRegistrationTokenRequest.safeParse(body);
    const errs = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (!labels.ok) errs.labels = labels.error;
    if (!body.siteId) errs.siteId = "pick the site the cluster runs at";
    setErrors(errs);
    if (Object.keys(errs).length > 0 || !parsed.success) return;
    create.mutate(parsed.data, { onSuccess: (created) => onCreated(created, parsed.data.clusterName) });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="add-cluster-site" label="Site" error={errors.siteId}>
        <select id="add-cluster-site" name="siteId" defaultValue={sites[0]?.id} aria-describedby={describedBy("add-cluster-site", errors.siteId)} className={inputClasses(!!errors.siteId)}>
          {sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {s.location ? ` — ${s.location}` : ""}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="add-cluster-name" label="Cluster name" error={errors.clusterName} hint="Lower-case letters, digits and '-', e.g. store-042">
        <input
          id="add-cluster-name"
          name="clusterName"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          aria-invalid={!!errors.clusterName}
          aria-describedby={describedBy("add-cluster-name", errors.clusterName, true)}
          className={`${inputClasses(!!errors.clusterName)} font-mono`}
        />
      </FormField>
      <FormField id="add-cluster-labels" label="Labels" error={errors.labels} hint="One key=value per line, e.g. env=prod">
        <textarea
          id="add-cluster-labels"
          name="labels"
          rows={3}
          spellCheck={false}
          placeholder={"env=prod\nregion=eu-west"}
          aria-invalid={!!errors.labels}
          aria-describedby={describedBy("add-cluster-labels", errors.labels, true)}
          className={`${inputClasses(!!errors.labels)} font-mono`}
        />
      </FormField>
      <ValidForSelect id="add-cluster-ttl" label="Registration token valid for" choices={TTL_CHOICES} />
      <ErrorAlert error={create.error} />
      <FormActions onCancel={onCancel} pending={create.isPending} label="Create registration command" pendingLabel="Creating…" />
    </form>
  );
}
