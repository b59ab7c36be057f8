import type { InputHTMLAttributes, ReactNode } from "react";
import { describedBy } from "../ui/described-by";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  mono?: boolean;
}

/** A labelled text input with its hint and error wired for screen readers. */
export function TextField({ id, label, error, hint, mono = false, className = "", ...input }: TextFieldProps) {
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={!!error}
        aria-describedby={describedBy(id, error, hint)}
        className={`${inputClasses(!!error)} ${mono ? "font-mono" : ""} ${className}`}
        {...input}
      />
    </FormField>
  );
}
