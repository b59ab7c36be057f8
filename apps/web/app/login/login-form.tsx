"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { ZLoginRequest, type CurrentUser } from "@outpost/cluster-core";
import { apiFetch } from "@/src/client/api-fetch";
import { ApiError } from "@/src/client/api-error";
import { fieldErrors } from "@/src/client/field-errors";
import { Button } from "@/src/client/ui/button";
import { describedBy } from "@/src/client/ui/described-by";
import { ErrorAlert } from "@/src/client/ui/error-alert";
import { FormField } from "@/src/client/ui/form-field";
import { inputClasses } from "@/src/client/ui/input-classes";

/** Username and password; on success goes to `next` (already checked to be a local path). */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = ZLoginRequest.safeParse({ username: String(form.get("username") ?? "").trim(), password: String(form.get("password") ?? "") });
    setFailure(null);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await apiFetch<{ user: CurrentUser }>("/api/v1/auth/login", { method: "POST", body: parsed.data });
      queryClient.clear();
      router.replace(next);
      router.refresh();
    } catch (err) {
      setPending(false);
      setFailure(err instanceof ApiError && err.status === 401 ? "Wrong username or password, or the account is disabled." : err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="login-username" label="Username" error={errors.username}>
        <input
          id="login-username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          aria-invalid={!!errors.username}
          aria-describedby={describedBy("login-username", errors.username)}
          className={inputClasses(!!errors.username)}
        />
      </FormField>
      <FormField id="login-password" label="Password" error={errors.password}>
        <input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          aria-invalid={!!errors.password}
          aria-describedby={describedBy("login-password", errors.password)}
          className={inputClasses(!!errors.password)}
        />
      </FormField>
      <ErrorAlert error={failure} />
      <Button type="submit" variant="primary" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
