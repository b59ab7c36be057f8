"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ALERT_CONDITIONS, ZCreateAlertRuleRequest, type AlertChannelView, type AlertRuleView, type SiteView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { ApiError } from "../api-error";
import { fieldErrors } from "../field-errors";
import { queryKeys } from "../query-keys";
import { describedBy } from "../ui/described-by";
import { ErrorAlert } from "../ui/error-alert";
import { FormActions } from "../ui/form-actions";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";

interface AlertRuleFormProps {
  rule?: AlertRuleView;
  sites: SiteView[];
  channels: AlertChannelView[];
  onDone: () => void;
}

/** What to watch, for how long, where, and whom to tell; checked with the server's schema before sending. */
export function AlertRuleForm({ rule, sites, channels, onDone }: AlertRuleFormProps) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [scopeKind, setScopeKind] = useState(rule?.scope.kind ?? "all");
  const save = useMutation({
    mutationFn: (body: unknown) =>
      rule ? apiFetch(`/api/v1/alert-rules/${encodeURIComponent(rule.id)}`, { method: "PATCH", body }) : apiFetch("/api/v1/alert-rules", { method: "POST", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.alerts.all() });
      onDone();
    },
    onError: (err) => {
      if (err instanceof ApiError) setErrors(fieldErrors(err.issues));
    },
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const minutes = Number(form.get("minutes"));
    const scope =
      scopeKind === "site" ? { kind: "site", siteId: String(form.get("siteId") ?? "") } : scopeKind === "selector" ? { kind: "selector", selector: String(form.get("selector") ?? "") } : { kind: "all" };
    const parsed = ZCreateAlertRuleRequest.safeParse({
      name: String(form.get("name") ?? ""),
      condition: String(form.get("condition") ?? ""),
      forSeconds: Number.isFinite(minutes) ? Math.round(minutes * 60) : -1,
      scope,
      channelIds: form.getAll("channelIds").map(String),
      enabled: form.get("enabled") === "on",
    });
    const errs = parsed.success ? {} : fieldErrors(parsed.error.issues);
    if (errs.forSeconds) errs.minutes = "a number of minutes, 0 to 10080 (7 days)";
    setErrors(errs);
    if (parsed.success) save.mutate(parsed.data);
  }

  const scopeError = errors.scope;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormField id="rule-name" label="Name" error={errors.name}>
        <input id="rule-name" name="name" defaultValue={rule?.name} autoComplete="off" aria-invalid={!!errors.name} aria-describedby={describedBy("rule-name", errors.name)} className={inputClasses(!!errors.name)} />
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id="rule-condition" label="When">
          <select id="rule-condition" name="condition" defaultValue={rule?.condition ?? "cluster-offline"} className={inputClasses()}>
            {Object.entries(ALERT_CONDITIONS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="rule-minutes" label="For at least (minutes)" error={errors.minutes} hint="0 alerts at once">
          <input
            id="rule-minutes"
            name="minutes"
            type="number"
            min={0}
            max={10080}
            step="any"
            inputMode="decimal"
            defaultValue={rule ? rule.forSeconds / 60 : 5}
            aria-invalid={!!errors.minutes}
            aria-describedby={describedBy("rule-minutes", errors.minutes, true)}
            className={inputClasses(!!errors.minutes)}
          />
        </FormField>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">On</legend>
        {(["all", "site", "selector"] as const).map((kind) => (
          <label key={kind} className="flex items-center gap-2 text-sm text-slate-700">
            <input type="radio" name="scopeKind" value={kind} checked={scopeKind === kind} onChange={() => setScopeKind(kind)} className="size-4" />
            {kind === "all" ? "Every cluster" : kind === "site" ? "One site" : "Clusters matching a label selector"}
          </label>
        ))}
        {scopeKind === "site" && (
          <FormField id="rule-site" label="Site" error={scopeError}>
            <select id="rule-site" name="siteId" defaultValue={rule?.scope.kind === "site" ? rule.scope.siteId : sites[0]?.id} className={inputClasses(!!scopeError)}>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </FormField>
        )}
        {scopeKind === "selector" && (
          <FormField id="rule-selector" label="Label selector" error={scopeError} hint="e.g. kind in (store,factory),env=prod">
            <input
              id="rule-selector"
              name="selector"
              defaultValue={rule?.scope.kind === "selector" ? rule.scope.selector : ""}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={!!scopeError}
              aria-describedby={describedBy("rule-selector", scopeError, true)}
              className={`${inputClasses(!!scopeError)} font-mono`}
            />
          </FormField>
        )}
      </fieldset>
      <fieldset aria-describedby={errors.channelIds ? "rule-channels-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Tell</legend>
        {channels.length === 0 ? (
          <p className="text-sm text-slate-600">There are no channels yet: add a webhook or e-mail channel first.</p>
        ) : (
          <div className="mt-1 space-y-1">
            {channels.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" name="channelIds" value={c.id} defaultChecked={rule ? rule.channelIds.includes(c.id) : channels.length === 1} className="size-4 rounded" />
                {c.name} <span className="text-slate-600">({c.target})</span>
              </label>
            ))}
          </div>
        )}
        {errors.channelIds && (
          <p id="rule-channels-error" className="mt-1 text-xs text-red-700">
            {errors.channelIds}
          </p>
        )}
      </fieldset>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="enabled" defaultChecked={rule?.enabled ?? true} className="size-4 rounded" />
        Enabled
      </label>
      <ErrorAlert error={save.error} />
      <FormActions onCancel={onDone} pending={save.isPending} label={rule ? "Save rule" : "Create rule"} pendingLabel="Saving…" />
    </form>
  );
}
