import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { ApiError } from "./api-error";
import { fieldErrors } from "./field-errors";

/**
 * What a create/edit form sends: POSTs (or PUTs/PATCHes) its checked body, refreshes the lists
 * it changed, and puts the server's field-level complaints next to their fields.
 */
export function useFormMutation<T>(opts: { path: string; method?: "POST" | "PUT" | "PATCH"; invalidates: QueryKey; onDone: (result: T) => void; setErrors: (errors: Record<string, string>) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: unknown) => apiFetch<T>(opts.path, { method: opts.method ?? "POST", body }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: opts.invalidates });
      opts.onDone(result);
    },
    onError: (err) => {
      if (err instanceof ApiError) opts.setErrors(fieldErrors(err.issues));
    },
  });
}
