"use client";

import { useState, type FormEvent } from "react";
import { ZCreateGrantRequest, type GrantView, type GroupView, type SiteView, type UserView } from "@outpost/cluster-core";
import { fieldErrors } from "../field-errors";
import { queryKeys } from "../query-keys";
import { useFormMutation } from "../use-form-mutation";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { RoleSelect } from "../users/role-select";

interface CreateGrantFormProps {
  users: UserView[];
  groups: GroupView[];
  sites: SiteView[];
  onDone: () => void;
}

type ScopeKind = "all" | "site" | "selector";

/** Who (a user or a group), which role, and on which clusters: all, one site's, or those matching labels. */
export function CreateGrantForm({ users, groups, sites, onDone }: CreateGrantFormProps) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [scope, setScope] = useState<ScopeKind>("site");
  const create = useFormMutation<GrantView>({ path: "/api/v1/grants", invalidates: queryKeys.grants.list(), onDone, setErrors });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const [kind, id] = String(form.get("subject") ?? "").split(":");
    const body = {
      subject: kind === "group" ? { kind, groupId: id } : { kind: "user", userId: id },
      role: String(form.get("role") ?? ""),
      scope:
        scope === "site" ? { kind: scope, siteId: String(form.get("siteId") ?? "") } : scope === "selector" ? { kind: scope, selector: String(form.get("selector") ?? "") } : { kind: scope },
    };
    const parsed = ZCreateGrantRequest.safeParse(body);
    const errs = parsed.success ? {} : fieldErrors(parsed.error.issues);
    setErrors(errs);
    if (parsed.success) create.mutate(parsed.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="grant-subject" label="Who" error={errors["subject.userId"] ?? errors["subject.groupId"]}>
        <select id="grant-subject" name="subject" className={inputClasses()} autoFocus>
          <optgroup label="Users">
            {users.map((u) => (
              <option key={u.id} value={`user:${u.id}`}>
                {u.username}
              </option>
            ))}
          </optgroup>
          {groups.length > 0 && (
            <optgroup label="Groups">
              {groups.map((g) => (
                <option key={g.id} value={`group:${g.id}`}>
                  group {g.name} ({g.members.length})
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </FormField>
      <FormField id="grant-role" label="Role on those clusters" error={errors.role} hint="Outpost keeps the matching Kubernetes ClusterRoleBindings on every cluster.">
        <RoleSelect id="grant-role" name="role" defaultValue="viewer" meaning="grant" />
      </FormField>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">On which clusters</legend>
        {(
          [
            ["site", "The clusters of one site"],
            ["selector", "Clusters whose labels match a selector"],
            ["all", "Every cluster, now and later"],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" name="scope" value={value} checked={scope === value} onChange={() => setScope(value)} />
            {label}
          </label>
        ))}
      </fieldset>
      {scope === "site" && (
        <FormField id="grant-site" label="Site" error={errors["scope.siteId"]}>
          <select id="grant-site" name="siteId" className={inputClasses(!!errors["scope.siteId"])} aria-describedby={describedBy("grant-site", errors["scope.siteId"])}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </FormField>
      )}
      {scope === "selector" && (
        <FormField id="grant-selector" label="Label selector" error={errors["scope.selector"]} hint="Kubernetes syntax, e.g. city=berlin,tier in (store,depot)">
          <input
            id="grant-selector"
            name="selector"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={!!errors["scope.selector"]}
            aria-describedby={describedBy("grant-selector", errors["scope.selector"], true)}
            className={`${inputClasses(!!errors["scope.selector"])} font-mono`}
          />
        </FormField>
      )}
      <ErrorAlert error={create.error} />
      <FormActions onCancel={onDone} pending={create.isPending} label="Grant" pendingLabel="Granting…" />
    </form>
  );
}
