"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ALERT_CHANNEL_KINDS, ZCreateAlertChannelRequest, type AlertChannelKind } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { ApiError } from "../api-error";
import { fieldErrors } from "../field-errors";
import { queryKeys } from "../query-keys";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

/** A new channel: a webhook (JSON), a Slack-compatible webhook, or e-mail recipients. */
export function AlertChannelForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AlertChannelKind>("webhook");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch("/api/v1/alert-channels", { method: "POST", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.channels() });
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues));
    },
  });
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const name = String(form.get("name") ?? "");
    const target = String(form.get("target") ?? "");
    const parsed = ZCreateAlertChannelRequest.safeParse(kind === "email" ? { name, kind, to: target } : { name, kind, url: target });
    const errs = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (errs.url || errs.to) errs.target = errs.url ?? errs.to!;
    setErrors(errs);
    if (parsed.success) create.mutate(kind === "email" ? { name, kind, to: target } : { name, kind, url: target });
  }
  const targetLabel = kind === "email" ? "Recipients" : "Webhook URL";
  const hint =
    kind === "email"
      ? "Addresses separated by commas; the centre sends through OUTPOST_SMTP_URL"
      : kind === "slack"
        ? "An incoming-webhook URL; it is stored encrypted and never shown again"
        : "Receives each notice as JSON (POST); stored encrypted and never shown again";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="channel-name" label="Name" error={errors.name}>
        <input id="channel-name" name="name" autoComplete="off" aria-invalid={!!errors.name} aria-describedby={describedBy("channel-name", errors.name)} className={inputClasses(!!errors.name)} />
      </FormField>
      <FormField id="channel-kind" label="Kind">
        <select id="channel-kind" value={kind} onChange={(e) => setKind(e.target.value as AlertChannelKind)} className={inputClasses()}>
          {Object.entries(ALERT_CHANNEL_KINDS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </FormField>
      <FormField id="channel-target" label={targetLabel} error={errors.target} hint={hint}>
        <input
          id="channel-target"
          name="target"
          type={kind === "email" ? "text" : "url"}
          inputMode={kind === "email" ? "email" : "url"}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={!!errors.target}
          aria-describedby={describedBy("channel-target", errors.target, true)}
          className={`${inputClasses(!!errors.target)} font-mono`}
        />
      </FormField>
      <ErrorAlert error={create.error} />
      <FormActions onCancel={onDone} pending={create.isPending} label="Add channel" pendingLabel="Adding…" />
    </form>
  );
}
