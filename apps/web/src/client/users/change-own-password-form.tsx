"use client";

import { useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import { ZChangeOwnPasswordRequest } from "@outpost/cluster-core";
import { ApiError } from "../api-error";
import { apiFetch } from "../api-fetch";
import { fieldErrors } from "../field-errors";
import { Button } from "../ui/button";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

/** The signed-in user's own password: the current one, then the new one twice. */
export function ChangeOwnPasswordForm() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => apiFetch("/api/v1/me/password", { method: "POST", body }),
    onError: (err) => setErrors(err instanceof ApiError ? fieldErrors(err.issues) : {}),
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(false);
    const form = e.currentTarget;
    const data = new FormData(form);
    const parsed = ZChangeOwnPasswordRequest.safeParse({ currentPassword: String(data.get("currentPassword") ?? ""), newPassword: String(data.get("newPassword") ?? "") });
    const next = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (parsed.success && data.get("repeat") !== parsed.data.newPassword) next.repeat = "the two new passwords differ";
    setErrors(next);
    if (parsed.success && Object.keys(next).length === 0) {
      change.mutate(parsed.data, {
        onSuccess: () => {
          form.reset();
          setDone(true);
        },
      });
    }
  }

  const field = (name: string, label: string, autoComplete: string, hint?: string) => (
    <FormField id={`own-${name}`} label={label} error={errors[name]} hint={hint}>
      <input
        id={`own-${name}`}
        name={name}
        type="password"
        autoComplete={autoComplete}
        aria-invalid={!!errors[name]}
        aria-describedby={describedBy(`own-${name}`, errors[name], !!hint)}
        className={inputClasses(!!errors[name])}
      />
    </FormField>
  );
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {field("currentPassword", "Current password", "current-password")}
      {field("newPassword", "New password", "new-password", "At least 10 characters")}
      {field("repeat", "New password again", "new-password")}
      {/* Field errors are shown beside their fields; the alert is for everything else (throttling, the network). */}
      <ErrorAlert error={change.error instanceof ApiError && change.error.issues.length > 0 ? null : change.error} />
      {done && (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-800">
          Password changed. Your other sessions have been signed out.
        </p>
      )}
      <Button type="submit" variant="primary" disabled={change.isPending}>
        {change.isPending ? "Saving…" : "Change password"}
      </Button>
    </form>
  );
}
