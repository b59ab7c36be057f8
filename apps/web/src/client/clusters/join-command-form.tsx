"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { ZCreateJoinTokenRequest, type JoinTokenCreated } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { parseLabelLines } from "../parse-label-lines";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { ValidForSelect, type ValidForChoice } from "../ui/valid-for-select";

const TTL_CHOICES: ValidForChoice[] = [
  { minutes: 15, label: "15 minutes" },
  { minutes: 60, label: "1 hour" },
  { minutes: 24 * 60, label: "24 hours" },
];

/** "Add node → Run a command": node labels and how long the one-time command stays valid. */
export function JoinCommandForm({ clusterId, onCreated, onCancel }: { clusterId: string; onCreated: (created: JoinTokenCreated) => void; onCancel: () => void }) {
  const [error, setError] = useState<string>();
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch<JoinTokenCreated>(`/api/v1/clusters/${encodeURIComponent(clusterId)}/join-tokens`, { method: "POST", body }),
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const labels = parseLabelLines(String(form.get("nodeLabels") ?? ""));
    setError(labels.ok ? undefined : labels.error);
    if (!labels.ok) return;
    const body = ZCreateJoinTokenRequest.parse({ nodeLabels: labels.labels, ttlMinutes: Number(form.get("ttlMinutes")) });
    create.mutate(body, { onSuccess: onCreated });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Create a join command">
      <p className="text-sm text-slate-600">
        For a machine the centre cannot reach over SSH: you paste one line on it; it fetches k3s from this centre and joins the cluster as an agent node.
      </p>
      <FormField id="join-node-labels" label="Node labels" error={error} hint="One key=value per line">
        <textarea id="join-node-labels" name="nodeLabels" rows={2} spellCheck={false} aria-describedby={describedBy("join-node-labels", error, true)} className={`${inputClasses(!!error)} font-mono`} />
      </FormField>
      <ValidForSelect id="join-ttl" label="Command valid for" choices={TTL_CHOICES} />
      <ErrorAlert error={create.error} />
      <FormActions onCancel={onCancel} pending={create.isPending} label="Create join command" pendingLabel="Creating…" />
    </form>
  );
}
