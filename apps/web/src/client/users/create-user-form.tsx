"use client";

import { useState, type FormEvent } from "react";
import { ZCreateUserRequest, type UserView } from "@outpost/cluster-core";
import { fieldErrors } from "../field-errors";
import { queryKeys } from "../query-keys";
import { useFormMutation } from "../use-form-mutation";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { PasswordField } from "./password-field";
import { RoleSelect } from "./role-select";
import { FormActions } from "../ui/form-actions";

/** Username, role and initial password of a new account. */
export function CreateUserForm({ onDone }: { onDone: () => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useFormMutation<UserView>({ path: "/api/v1/users", invalidates: queryKeys.users.list(), onDone, setErrors });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = ZCreateUserRequest.safeParse({
      username: String(form.get("username") ?? "").trim(),
      role: String(form.get("role") ?? ""),
      password: String(form.get("password") ?? ""),
      clusterAccess: String(form.get("clusterAccess") ?? "all"),
    });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) create.mutate(parsed.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="new-user-name" label="Username" error={errors.username} hint="Lower-case letters, digits and '-'">
        <input
          id="new-user-name"
          name="username"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          aria-invalid={!!errors.username}
          aria-describedby={describedBy("new-user-name", errors.username, true)}
          className={inputClasses(!!errors.username)}
        />
      </FormField>
      <FormField id="new-user-role" label="Role" error={errors.role}>
        <RoleSelect id="new-user-role" name="role" defaultValue="viewer" />
      </FormField>
      <FormField id="new-user-clusters" label="Clusters" error={errors.clusterAccess} hint="Narrower access (one site, clusters with certain labels, a group) is granted under Access.">
        <select id="new-user-clusters" name="clusterAccess" defaultValue="all" className={inputClasses()}>
          <option value="all">the same role on every cluster</option>
          <option value="none">none until granted under Access</option>
        </select>
      </FormField>
      <PasswordField id="new-user-password" label="Initial password" error={errors.password} />
      <ErrorAlert error={create.error} />
      <FormActions onCancel={onDone} pending={create.isPending} label="Create user" pendingLabel="Creating…" />
    </form>
  );
}
