"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZCreateApiTokenRequest, type ApiTokenView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { ApiError } from "../api-error";
import { fieldErrors } from "../field-errors";
import { queryKeys } from "../query-keys";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { FormActions } from "../ui/form-actions";

const EXPIRY_CHOICES = [
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
  { days: 0, label: "Never" },
];

/** Name and lifetime of a new API token; hands the one-time secret to `onCreated`. */
export function CreateTokenForm({ onCreated, onCancel }: { onCreated: (token: string) => void; onCancel: () => void }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: unknown) => apiFetch<ApiTokenView & { token: string }>("/api/v1/api-tokens", { method: "POST", body }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiTokens.list() });
      onCreated(created.token);
    },
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues));
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = Number(form.get("expiresInDays"));
    const parsed = ZCreateApiTokenRequest.safeParse({ name: String(form.get("name") ?? "").trim(), ...(days > 0 ? { expiresInDays: days } : {}) });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) create.mutate(parsed.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="token-name" label="Name" error={errors.name} hint="What uses it, e.g. ci-pipeline or grafana">
        <input
          id="token-name"
          name="name"
          autoComplete="off"
          autoFocus
          aria-invalid={!!errors.name}
          aria-describedby={describedBy("token-name", errors.name, true)}
          className={inputClasses(!!errors.name)}
        />
      </FormField>
      <FormField id="token-expiry" label="Expires after" error={errors.expiresInDays}>
        <select id="token-expiry" name="expiresInDays" defaultValue={90} className={inputClasses()}>
          {EXPIRY_CHOICES.map((c) => (
            <option key={c.days} value={c.days}>
              {c.label}
            </option>
          ))}
        </select>
      </FormField>
      <ErrorAlert error={create.error} />
      <FormActions onCancel={onCancel} pending={create.isPending} label="Create token" pendingLabel="Creating…" />
    </form>
  );
}
