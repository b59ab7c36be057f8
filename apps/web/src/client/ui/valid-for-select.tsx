import { FormField } from "./form-field";
import { inputClasses } from "./input-classes";

export interface ValidForChoice {
  minutes: number;
  label: string;
}

/** "Valid for …" picker of a one-time token's lifetime; submits `ttlMinutes` (default one hour). */
export function ValidForSelect({ id, label, choices }: { id: string; label: string; choices: ValidForChoice[] }) {
  return (
    <FormField id={id} label={label}>
      <select id={id} name="ttlMinutes" defaultValue={60} className={inputClasses()}>
        {choices.map((c) => (
          <option key={c.minutes} value={c.minutes}>
            {c.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}
