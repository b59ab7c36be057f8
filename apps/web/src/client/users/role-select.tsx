import { ZRole, type Role } from "@outpost/cluster-core";
import { inputClasses } from "../ui/input-classes";

// A user's role in Outpost itself, and a grant's role on clusters, mean different things.
const DESCRIPTION: Record<"user" | "grant", Record<Role, string>> = {
  user: {
    viewer: "viewer — signs in; reaches the clusters granted to them",
    operator: "operator — also creates and edits sites",
    admin: "admin — every cluster, users, grants and the audit log",
  },
  grant: {
    viewer: "viewer — reads (Kubernetes view: no Secrets, no exec)",
    operator: "operator — changes workloads (Kubernetes edit)",
    admin: "admin — everything (Kubernetes cluster-admin)",
  },
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
  /** What the role is for: the user's role in Outpost (default), or a grant's role on clusters. */
  meaning?: "user" | "grant";
}

/** A <select> of the three roles, with what each may do in full form. */
export function RoleSelect({ id, name, value, defaultValue, onChange, disabled, compact = false, meaning = "user", ...aria }: RoleSelectProps) {
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
          {compact ? r : DESCRIPTION[meaning][r]}
        </option>
      ))}
    </select>
  );
}
