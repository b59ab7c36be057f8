"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ZCreateSavedViewRequest, type SavedViewView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { ApiError } from "../api-error";
import { fieldErrors } from "../field-errors";
import { queryKeys } from "../query-keys";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { ModalDialog } from "../ui/modal-dialog";

/** Names the fleet list's current filter and saves it; the same name again replaces that view. */
export function SaveViewDialog({ open, onClose, query }: { open: boolean; onClose: () => void; query: string }) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: unknown) => apiFetch<SavedViewView>("/api/v1/saved-views", { method: "POST", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.savedViews.list() });
      close();
    },
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues));
    },
  });
  function close() {
    setErrors({});
    save.reset();
    onClose();
  }
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const parsed = ZCreateSavedViewRequest.safeParse({ name: String(new FormData(e.currentTarget).get("name") ?? ""), query });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error.issues));
    if (parsed.success) save.mutate(parsed.data);
  }
  return (
    <ModalDialog open={open} onClose={close} title="Save view" description="Saves the current filters, sorting and grouping under a name, for you.">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <FormField id="save-view-name" label="Name" error={errors.name} hint="e.g. Offline shops in Bavaria">
          <input id="save-view-name" name="name" autoComplete="off" aria-invalid={!!errors.name} aria-describedby={describedBy("save-view-name", errors.name, true)} className={inputClasses(!!errors.name)} />
        </FormField>
        {errors.query && <ErrorAlert error={errors.query} />}
        <ErrorAlert error={save.error} />
        <FormActions onCancel={close} pending={save.isPending} label="Save view" pendingLabel="Saving…" />
      </form>
    </ModalDialog>
  );
}
