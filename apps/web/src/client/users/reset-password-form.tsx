"use client";

import { useState, type FormEvent } from "react";
import { ZUpdateUserRequest, type UserView } from "@outpost/cluster-core";
import { fieldErrors } from "../field-errors";
import { ErrorAlert } from "../ui/error-alert";
import { PasswordField } from "./password-field";
import { useUpdateUser } from "./use-update-user";
import { FormActions } from "../ui/form-actions";

/** Sets a new password for a user; their other sessions are the server's business. */
export function ResetPasswordForm({ user, onDone }: { user: UserView; onDone: () => void }) {
  const update = useUpdateUser();
  const [error, setError] = useState<string>();

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = ZUpdateUserRequest.safeParse({ password: String(new FormData(e.currentTarget).get("password") ?? "") });
    setError(parsed.success ? undefined : fieldErrors(parsed.error.issues).password);
    if (parsed.success) update.mutate({ id: user.id, password: parsed.data.password }, { onSuccess: onDone });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <PasswordField id="reset-password" label={`New password for ${user.username}`} error={error} />
      <ErrorAlert error={update.error} />
      <FormActions onCancel={onDone} pending={update.isPending} label="Set password" pendingLabel="Saving…" />
    </form>
  );
}
