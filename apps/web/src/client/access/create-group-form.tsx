"use client";

import { useState, type FormEvent } from "react";
import { ZCreateGroupRequest, type GroupView } from "@outpost/cluster-core";
import { fieldErrors } from "../field-errors";
import { queryKeys } from "../query-keys";
import { useFormMutation } from "../use-form-mutation";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

/** The name of a new, empty group. */
export function CreateGroupForm({ onDone }: { onDone: () => void }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useFormMutation<GroupView>({ path: "/api/v1/groups", invalidates: queryKeys.groups.list(), onDone, setErrors });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = ZCreateGroupRequest.safeParse({ name: String(new FormData(e.currentTarget).get("name") ?? "").trim() });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) create.mutate(parsed.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="new-group-name" label="Group name" error={errors.name} hint="Lower-case letters, digits and '-'; clusters see it as outpost:group:<name>">
        <input
          id="new-group-name"
          name="name"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          aria-invalid={!!errors.name}
          aria-describedby={describedBy("new-group-name", errors.name, true)}
          className={inputClasses(!!errors.name)}
        />
      </FormField>
      <ErrorAlert error={create.error} />
      <FormActions onCancel={onDone} pending={create.isPending} label="Create group" pendingLabel="Creating…" />
    </form>
  );
}
