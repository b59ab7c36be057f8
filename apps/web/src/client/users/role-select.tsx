import { ZRole, type Role } from "@outpost/cluster-core";
import { inputClasses } from "../ui/input-classes";

const DESCRIPTION: Record<Role, string> = {
  viewer: "viewer — sees everything, changes nothing",
  operator: "operator — manages sites and clusters",
  admin: "admin — also manages users and reads the audit log",
};

interface RoleSelectProps {
  id: string;
  name?: string;
  value?: Role;
  defaultValue?: Role;
  onChange?: (role: Role) => void;
  disabled?: boolean;
  "aria-label"?: string;
  compact?: boolean;
}

/** A <select> of the three roles, with what each may do in full form. */
export function RoleSelect({ id, name, value, defaultValue, onChange, disabled, compact = false, ...aria }: RoleSelectProps) {
  return (
    <select
      id={id}
      name={name}
      value={value}
      defaultValue={defaultValue}
      disabled={disabled}
      aria-label={aria["aria-label"]}
      onChange={(e) => onChange?.(ZRole.parse(e.target.value))}
      className={`${inputClasses()} ${compact ? "w-auto! py-1" : ""}`}
    >
      {ZRole.options.map((r) => (
        <option key={r} value={r}>
          {compact ? r : DESCRIPTION[r]}
        </option>
      ))}
    </select>
  );
}
