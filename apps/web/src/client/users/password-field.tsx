import { describedBy } from "../ui/described-by";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

/** A new password input with the server's length rule as hint. */
export function PasswordField({ id, label, error }: { id: string; label: string; error?: string }) {
  return (
    <FormField id={id} label={label} error={error} hint="At least 10 characters">
      <input
        id={id}
        name="password"
        type="password"
        autoComplete="new-password"
        aria-invalid={!!error}
        aria-describedby={describedBy(id, error, true)}
        className={inputClasses(!!error)}
      />
    </FormField>
  );
}
